"""Expected answers of the demo app's routes (tests/access_matrix.py). The tests run off the
demo (CHILDPATH_DEMO false), where the demo's pages do not exist for anyone; on the demo the
sent e-mails are for anyone signed in (childpath/demo/tests/test_mail.py)."""

from tests.access_matrix import NOT_FOUND

ROUTES = {
    "demo-mail": NOT_FOUND,
}
