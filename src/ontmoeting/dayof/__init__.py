"""The encounter day itself: the check-in desk and the presence board."""
