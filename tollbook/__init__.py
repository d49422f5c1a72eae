"""tollbook: conflict news into incident reports where every figure carries who claims it."""
__version__ = "0.1.0"
