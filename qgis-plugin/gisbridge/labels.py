"""What a geologist reads for each output field: the plugin's one table of names (legends, layer names).
The server's charts use the same names (its one table: src/Server/Regions/IndexLabels.cs)."""

FIELD_LABELS = {
    "delta_7_4": "Δ7/4 (Hart 1984)",
    "delta_8_4": "Δ8/4 (Hart 1984)",
    "delta_sr": "ΔSr (Hart 1984)",
    "eps_nd": "εNd",
    "mg_number": "Mg#",
    "na8": "Na8 (wt%)",
    "fe8": "Fe8 (wt%)",
    "la_sm": "La/Sm",
    "sm_yb": "Sm/Yb",
    "la_yb": "La/Yb",
    "nb_zr": "Nb/Zr",
    "zr_nb": "Zr/Nb",
    "la_sm_n": "(La/Sm)N",
    "dupal_strength": "Dupal strength",
}
# Decimals of legend labels: enough to tell classes apart at the index's usual spread.
FIELD_DECIMALS = {"mg_number": 2, "la_sm": 2, "sm_yb": 2, "la_yb": 2, "nb_zr": 3, "zr_nb": 1, "la_sm_n": 2,
                  "na8": 2, "fe8": 2, "eps_nd": 1}


def field_label(field):
    return FIELD_LABELS.get(field, field.replace("_", " "))


def decimals(field):
    return FIELD_DECIMALS.get(field, 1)
