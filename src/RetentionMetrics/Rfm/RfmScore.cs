using System.Globalization;

namespace RetentionMetrics.Rfm;

/// <summary>A customer's recency, frequency and monetary scores, each from 1 (worst) to the number of bins (best).</summary>
/// <remarks>
/// Two scores are equal when all three parts are equal. <c>default</c> is (0, 0, 0), which no scoring produces.
/// </remarks>
/// <param name="Recency">The recency score: higher for a more recent last purchase.</param>
/// <param name="Frequency">The frequency score: higher for more purchases.</param>
/// <param name="Monetary">The monetary score: higher for more spend.</param>
public readonly record struct RfmScore(int Recency, int Frequency, int Monetary)
{
    /// <summary>The three scores as text: the digits run together ("545") when each is below 10, else joined by hyphens ("10-3-12").</summary>
    /// <returns>The scores as text, in invariant culture.</returns>
    public override string ToString() =>
        Recency is >= 0 and < 10 && Frequency is >= 0 and < 10 && Monetary is >= 0 and < 10
            ? string.Create(CultureInfo.InvariantCulture, $"{Recency}{Frequency}{Monetary}")
            : string.Create(CultureInfo.InvariantCulture, $"{Recency}-{Frequency}-{Monetary}");
}
