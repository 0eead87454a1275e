"""The data layer: MovieLens readers for both formats (`readers`), the GroupLens download (`download`), and the
prepared artefacts every stage reads (`prepared`, with `ensure_prepared`). The word lists beside them are the
title finder's (recommender.titles)."""
