"""Places a search can start from: the demo's cities. Norrvik and Ekby are invented (README);
their coordinates are a made-up spot in the north, away from any real town of that name."""

from dataclasses import dataclass


@dataclass(frozen=True)
class City:
    key: str
    name: str
    latitude: float
    longitude: float
    county: str
    fictional: bool = False

    @property
    def point(self) -> tuple[float, float]:
        return (self.latitude, self.longitude)


CITIES = {
    city.key: city
    for city in (
        City("norrvik", "Norrvik", 62.912, 17.205, "Västernorrland", fictional=True),
        City("ekby", "Ekby", 62.981, 17.012, "Västernorrland", fictional=True),
        City("stockholm", "Stockholm", 59.3293, 18.0686, "Stockholm"),
        City("goteborg", "Göteborg", 57.7089, 11.9746, "Västra Götaland"),
        City("malmo", "Malmö", 55.6050, 13.0038, "Skåne"),
        City("uppsala", "Uppsala", 59.8586, 17.6389, "Uppsala"),
    )
}
