namespace RetentionMetrics.Lifetime;

/// <summary>The Nelder–Mead downhill simplex (reflection 1, expansion 2, contraction ½, shrink ½), deterministic.</summary>
internal static class NelderMead
{
    internal readonly record struct Result(double[] Point, double Value, int Iterations, bool Converged, double SimplexSize);

    /// <summary>Minimises <paramref name="f"/> from <paramref name="start"/> with an axis-aligned initial simplex.</summary>
    /// <remarks>Non-finite values count as +∞. Converged when every vertex lies within <paramref name="tolerance"/> of the
    /// best in every coordinate and the values differ by at most <paramref name="tolerance"/> relative to the best.</remarks>
    public static Result Minimise(Func<double[], double> f, double[] start, double step, int maximumIterations, double tolerance)
    {
        var n = start.Length;
        var vertices = new double[n + 1][];
        var values = new double[n + 1];
        for (var i = 0; i <= n; i++)
        {
            vertices[i] = (double[])start.Clone();
            if (i > 0)
            {
                vertices[i][i - 1] += step;
            }

            values[i] = Safe(f(vertices[i]));
        }

        var order = new int[n + 1];
        var centroid = new double[n];
        var iterations = 0;
        while (true)
        {
            for (var i = 0; i <= n; i++)
            {
                order[i] = i;
            }

            // Stable order: ties keep the lower index first, so runs repeat exactly.
            Array.Sort(order, (x, y) => values[x] != values[y] ? values[x].CompareTo(values[y]) : x.CompareTo(y));
            var bestIndex = order[0];
            var worstIndex = order[n];
            var secondWorstIndex = order[n - 1];
            var size = SimplexSize(vertices, bestIndex);
            var spread = values[worstIndex] - values[bestIndex];
            var fConverged = double.IsFinite(values[bestIndex]) && spread <= tolerance * (Math.Abs(values[bestIndex]) + tolerance);
            if (size <= tolerance * 100 && fConverged || size <= tolerance && double.IsFinite(spread))
            {
                return new Result(vertices[bestIndex], values[bestIndex], iterations, true, size);
            }

            if (iterations >= maximumIterations)
            {
                return new Result(vertices[bestIndex], values[bestIndex], iterations, false, size);
            }

            iterations++;
            Array.Clear(centroid);
            for (var i = 0; i <= n; i++)
            {
                if (i == worstIndex)
                {
                    continue;
                }

                for (var j = 0; j < n; j++)
                {
                    centroid[j] += vertices[i][j] / n;
                }
            }

            var reflected = Along(centroid, vertices[worstIndex], -1d);
            var reflectedValue = Safe(f(reflected));
            if (reflectedValue < values[bestIndex])
            {
                var expanded = Along(centroid, vertices[worstIndex], -2d);
                var expandedValue = Safe(f(expanded));
                if (expandedValue < reflectedValue)
                {
                    (vertices[worstIndex], values[worstIndex]) = (expanded, expandedValue);
                }
                else
                {
                    (vertices[worstIndex], values[worstIndex]) = (reflected, reflectedValue);
                }

                continue;
            }

            if (reflectedValue < values[secondWorstIndex])
            {
                (vertices[worstIndex], values[worstIndex]) = (reflected, reflectedValue);
                continue;
            }

            // Contract: outside when the reflection beat the worst, inside otherwise.
            var outside = reflectedValue < values[worstIndex];
            var contracted = Along(centroid, vertices[worstIndex], outside ? -0.5d : 0.5d);
            var contractedValue = Safe(f(contracted));
            if (contractedValue < (outside ? reflectedValue : values[worstIndex]))
            {
                (vertices[worstIndex], values[worstIndex]) = (contracted, contractedValue);
                continue;
            }

            for (var i = 0; i <= n; i++)
            {
                if (i == bestIndex)
                {
                    continue;
                }

                for (var j = 0; j < n; j++)
                {
                    vertices[i][j] = vertices[bestIndex][j] + 0.5 * (vertices[i][j] - vertices[bestIndex][j]);
                }

                values[i] = Safe(f(vertices[i]));
            }
        }
    }

    private static double[] Along(double[] centroid, double[] worst, double coefficient)
    {
        var point = new double[centroid.Length];
        for (var j = 0; j < point.Length; j++)
        {
            point[j] = centroid[j] + coefficient * (worst[j] - centroid[j]);
        }

        return point;
    }

    private static double SimplexSize(double[][] vertices, int bestIndex)
    {
        var size = 0d;
        foreach (var vertex in vertices)
        {
            for (var j = 0; j < vertex.Length; j++)
            {
                size = Math.Max(size, Math.Abs(vertex[j] - vertices[bestIndex][j]));
            }
        }

        return size;
    }

    private static double Safe(double value) => double.IsNaN(value) ? double.PositiveInfinity : value;
}
