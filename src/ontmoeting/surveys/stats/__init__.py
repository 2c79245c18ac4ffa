"""Statistics for the evaluation research: pure functions on numpy/pandas, scipy and statsmodels.

No Django import here (and never pingouin, which is GPL). Every result is a small frozen
dataclass that carries the numbers **and** a sentence naming the method, so a report can always
say which effect size and which interval it shows.

Modules:
- :mod:`.reliability` - Cronbach's alpha, its Feldt confidence interval, alpha-if-item-deleted;
- :mod:`.paired` — paired t-test, Wilcoxon signed-rank, d_z and d_av with confidence intervals;
- :mod:`.proportions` — Wilson intervals for proportions (response rates);
- :mod:`.groups` — the same per subgroup, with small-cell suppression;
- :mod:`.trends` — per-edition change and a linear trend across editions.
"""

from ontmoeting.surveys.stats.groups import SubgroupRow, paired_by_group
from ontmoeting.surveys.stats.paired import PairedResult, paired_analysis
from ontmoeting.surveys.stats.proportions import Proportion, wilson
from ontmoeting.surveys.stats.reliability import AlphaResult, cronbach_alpha, feldt_interval
from ontmoeting.surveys.stats.trends import EditionChange, TrendResult, change_trend

__all__ = [
    "AlphaResult",
    "EditionChange",
    "PairedResult",
    "Proportion",
    "SubgroupRow",
    "TrendResult",
    "change_trend",
    "cronbach_alpha",
    "feldt_interval",
    "paired_analysis",
    "paired_by_group",
    "wilson",
]
