package org.nqpf.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nqpf.engine.Hierarchy;
import org.nqpf.engine.pipeline.Framework;
import org.nqpf.engine.pipeline.Panel;

/**
 * A deterministic synthetic cohort of the benchmark's size: indicators in sub-dimensions of five, sub-dimensions in
 * four dimensions, one index (three levels of aggregation); indicators alternate between the AI and NQPF subsystems,
 * every fifth is less-is-better, 1 % of values are missing, values are log-normal with a trend over the periods.
 */
final class SyntheticCohort {

    final Framework framework;
    final Panel panel;

    SyntheticCohort(int units, int indicators, int periods, long seed) {
        Hierarchy.Builder builder = Hierarchy.builder().aggregate("INDEX", null);
        int dimensions = 4;
        int subDimensions = Math.max(dimensions, indicators / 5);
        for (int d = 0; d < dimensions; d++) {
            builder.aggregate("D" + d, "INDEX");
        }
        for (int s = 0; s < subDimensions; s++) {
            builder.aggregate("S" + s, "D" + (s % dimensions));
        }
        Map<String, Framework.NodeInfo> info = new HashMap<>();
        for (int j = 0; j < indicators; j++) {
            String code = "X" + j;
            builder.indicator(code, "S" + (j % subDimensions), j % 5 == 4 ? -1 : 1);
            info.put(code, new Framework.NodeInfo(code, j % 2 == 0 ? "AI" : "NQPF", null, Double.NaN, Double.NaN,
                    Double.NaN));
        }
        framework = new Framework(builder.build(), info);

        SplittableRandom random = new SplittableRandom(seed);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < units; i++) {
            codes.add(String.format("U%05d", i));
        }
        List<String> years = new ArrayList<>();
        for (int t = 0; t < periods; t++) {
            years.add(Integer.toString(2004 + t));
        }
        double[][] level = new double[units][indicators];
        for (double[] row : level) {
            for (int j = 0; j < indicators; j++) {
                row[j] = Math.exp(random.nextGaussian());
            }
        }
        double[][][] values = new double[periods][units][indicators];
        for (int t = 0; t < periods; t++) {
            for (int i = 0; i < units; i++) {
                for (int j = 0; j < indicators; j++) {
                    values[t][i][j] = random.nextDouble() < 0.01 ? Double.NaN
                            : level[i][j] * (1 + 0.03 * t) * Math.exp(0.1 * random.nextGaussian());
                }
            }
        }
        panel = new Panel(codes, codes, years, values);
    }
}
