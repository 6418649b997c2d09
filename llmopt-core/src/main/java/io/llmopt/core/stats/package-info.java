/**
 * Small, dependency-free statistics shared by OPRO and BPO: confidence intervals for proportions and
 * win/tie/lose rates, the exact McNemar test and a seeded paired bootstrap for comparing two systems
 * on the same examples, and descriptive statistics.
 */
package io.llmopt.core.stats;
