"""Practice research of seed 001: co-creation meetings (mixed tables in rounds, the harvest)
and co-creative trajectories with teams."""
