namespace RetentionMetrics.Lifetime;

/// <summary>
/// A log-likelihood with its analytic gradient in the natural parameters, over weighted patterns prepared once per
/// fit. One instance serves one fit: it keeps scratch buffers, so it is not thread-safe, and an evaluation allocates
/// nothing but the closure of a parallel sum on large data.
/// </summary>
internal abstract class GradientLikelihood
{
    /// <summary>Patterns per chunk of a parallel sum; chunks are summed in order, so results do not depend on timing.</summary>
    protected const int ChunkSize = 4_096;

    private double[][] partialGradients = [];
    private double[] partialValues = [];

    protected GradientLikelihood(int dimension, double customers)
    {
        Dimension = dimension;
        Customers = customers;
    }

    /// <summary>The number of parameters.</summary>
    public int Dimension { get; }

    /// <summary>The number of customers (the sum of the weights).</summary>
    public double Customers { get; }

    /// <summary>
    /// LL(θ), writing ∂LL/∂θ into <paramref name="gradient"/>; NaN or −∞ when the likelihood is not finite there.
    /// </summary>
    public abstract double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient);

    /// <summary>LL(θ) alone.</summary>
    public double Value(ReadOnlySpan<double> theta) => Evaluate(theta, stackalloc double[Dimension]);

    /// <summary>A range of patterns' weighted log-likelihood terms, adding their gradient into the given buffer.</summary>
    protected delegate double RangeTerm(int start, int end, double[] gradient);

    /// <summary>Σ of <paramref name="term"/> over 0..<paramref name="count"/>, in parallel chunks when large, deterministically.</summary>
    protected double SumRanges(int count, RangeTerm term, Span<double> gradient)
    {
        var chunks = (count + ChunkSize - 1) / ChunkSize;
        if (partialGradients.Length < Math.Max(1, chunks))
        {
            partialGradients = new double[Math.Max(1, chunks)][];
            for (var c = 0; c < partialGradients.Length; c++)
            {
                partialGradients[c] = new double[Dimension];
            }

            partialValues = new double[partialGradients.Length];
        }

        if (chunks <= 1)
        {
            var buffer = partialGradients[0];
            Array.Clear(buffer);
            var value = term(0, count, buffer);
            for (var j = 0; j < Dimension; j++)
            {
                gradient[j] += buffer[j];
            }

            return value;
        }

        var gradients = partialGradients;
        var values = partialValues;
        Parallel.For(0, chunks, c =>
        {
            Array.Clear(gradients[c]);
            values[c] = term(c * ChunkSize, Math.Min(count, (c + 1) * ChunkSize), gradients[c]);
        });
        var total = 0d;
        for (var c = 0; c < chunks; c++)
        {
            total += values[c];
            for (var j = 0; j < Dimension; j++)
            {
                gradient[j] += gradients[c][j];
            }
        }

        return total;
    }

    /// <summary>ln(eˣ + eʸ) and the share eʸ / (eˣ + eʸ) of the second term, with one exponential and one logarithm.</summary>
    protected static (double Log, double SecondShare) LogAddExpWithShare(double x, double y)
    {
        if (double.IsNegativeInfinity(y))
        {
            return (x, 0d);
        }

        var difference = x - y;
        if (difference >= 0)
        {
            var e = Math.Exp(-difference);
            return (x + Math.Log(1 + e), e / (1 + e));
        }

        var f = Math.Exp(difference);
        return (y + Math.Log(1 + f), 1 / (1 + f));
    }
}
