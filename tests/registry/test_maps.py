from selaras.registry import maps


def test_the_tile_grid_places_all_38_provinces_on_distinct_tiles():
    positions = [(col, row) for col, row, _ in maps.PROVINCE_TILES.values()]
    assert len(maps.PROVINCE_TILES) == 38
    assert len(set(positions)) == 38


def test_the_tile_grid_runs_west_to_east():
    col = {code: c for code, (c, _, _) in maps.PROVINCE_TILES.items()}
    assert col["11"] < col["33"] < col["53"] < col["91"]  # Aceh, Jateng, NTT, Papua


def test_provinces_not_loaded_get_a_tile_without_a_link():
    area = maps.MapArea(code="33", name="Jawa Tengah", url="/wilayah/33/", shade="q2", label="Jawa Tengah")
    tiles = {t.area.code: t for t in maps.province_tile_map([area]).tiles}
    assert tiles["33"].area.url == "/wilayah/33/"
    assert tiles["91"].area.url is None and tiles["91"].area.shade == "missing"


def test_shades_run_from_zero_to_the_maximum():
    shades = maps.shade_classes({"a": 0, "b": 1, "c": 10})
    assert shades == {"a": "q0", "b": "q1", "c": "q4"}


def test_all_zero_values_get_the_plain_shade():
    assert set(maps.shade_classes({"a": 0, "b": 0}).values()) == {"plain"}


def test_projection_puts_north_at_the_top_and_fills_the_width():
    north = {"type": "Polygon", "coordinates": [[[100, 1], [101, 1], [101, 2], [100, 2], [100, 1]]]}
    south = {"type": "Polygon", "coordinates": [[[100, -2], [101, -2], [101, -1], [100, -1], [100, -2]]]}
    projection = maps.project_boundaries([("n", north), ("s", south)])
    assert projection.width == maps.VIEW_WIDTH
    first_y = lambda path: float(path[1:].split("L")[0].split()[1])  # noqa: E731
    assert first_y(projection.paths["n"]) < first_y(projection.paths["s"])


def test_projection_reads_features_and_multipolygons_and_skips_empty_geometry():
    feature = {
        "type": "Feature",
        "geometry": {
            "type": "MultiPolygon",
            "coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[2, 0], [3, 0], [3, 1], [2, 0]]]],
        },
    }
    projection = maps.project_boundaries([("a", feature), ("b", {"type": "Point", "coordinates": [0, 0]})])
    assert set(projection.paths) == {"a"}
    assert projection.paths["a"].count("M") == 2


def test_nothing_usable_gives_no_projection():
    assert maps.project_boundaries([("a", {})]) is None


def test_simplification_drops_points_on_a_straight_edge():
    ring = [(x / 10, 0.0) for x in range(101)] + [(10.0, 10.0), (0.0, 10.0), (0.0, 0.0)]
    path = maps.project_boundaries([("a", {"type": "Polygon", "coordinates": [ring]})]).paths["a"]
    assert path.count("L") <= 4
