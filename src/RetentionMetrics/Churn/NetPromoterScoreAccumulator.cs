using System.Globalization;
using RetentionMetrics.Internal;

namespace RetentionMetrics.Churn;

/// <summary>Counts 0–10 answers into promoters, passives and detractors and produces the Net Promoter Score.</summary>
/// <remarks><b>Aggregates</b> three counters; merge of any split equals one pass. Not thread-safe.</remarks>
public sealed partial class NetPromoterScoreAccumulator
{
    /// <summary>Creates an empty accumulator.</summary>
    /// <param name="options">The confidence level; defaults when null.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public NetPromoterScoreAccumulator(SurveyOptions? options = null)
    {
        Options = options ?? SurveyOptions.Default;
        Options.Validate(nameof(options));
    }

    /// <summary>The options this accumulator was created with.</summary>
    public SurveyOptions Options { get; }

    /// <summary>Answers of 9 or 10 so far.</summary>
    public long Promoters { get; private set; }

    /// <summary>Answers of 7 or 8 so far.</summary>
    public long Passives { get; private set; }

    /// <summary>Answers from 0 to 6 so far.</summary>
    public long Detractors { get; private set; }

    /// <summary>All answers so far.</summary>
    public long Responses => Promoters + Passives + Detractors;

    /// <summary>Adds one answer.</summary>
    /// <param name="answer">An answer from 0 to 10.</param>
    /// <exception cref="RetentionDataException">The answer is outside 0 to 10; the position is the number of answers before it.</exception>
    public void Add(int answer) => Add(answer, Responses);

    /// <summary>Adds the counts of another accumulator; the other is unchanged.</summary>
    /// <param name="other">Another accumulator.</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public void Merge(NetPromoterScoreAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Promoters += other.Promoters;
        Passives += other.Passives;
        Detractors += other.Detractors;
    }

    /// <summary>The score of the answers so far, with its confidence interval.</summary>
    /// <example>6 promoters, 2 passives, 2 detractors: NPS 40, 95% interval 40 ± 1.96·100·√((0.6 + 0.2 − 0.16)/10) ≈ [−9.6, 89.6].</example>
    /// <returns>The score; <see cref="NetPromoterScore.Score"/> is null without answers.</returns>
    public NetPromoterScore ToScore() => Score(Promoters, Passives, Detractors, Options.ConfidenceLevel);

    internal void Add(int answer, long position)
    {
        switch (answer)
        {
            case >= 9 and <= 10:
                Promoters++;
                break;
            case >= 7 and <= 8:
                Passives++;
                break;
            case >= 0 and <= 6:
                Detractors++;
                break;
            default:
                throw new RetentionDataException(
                    string.Format(CultureInfo.InvariantCulture, ChurnErrorMessages.NpsAnswerOutOfRange, answer), null, position);
        }
    }

    internal static NetPromoterScore Score(long promoters, long passives, long detractors, double level)
    {
        var n = promoters + passives + detractors;
        if (n == 0)
        {
            return new NetPromoterScore(0, 0, 0, 0, null, null);
        }

        var p = (double)promoters / n;
        var d = (double)detractors / n;
        var score = 100 * (p - d);
        // Var(p − d) = [p(1 − p) + d(1 − d) + 2pd] / n = [p + d − (p − d)²] / n for multinomial proportions.
        var variance = Math.Max(0, p + d - (p - d) * (p - d)) / n;
        var z = SpecialFunctions.NormalQuantile(1 - (1 - level) / 2);
        var half = 100 * z * Math.Sqrt(variance);
        var interval = new ConfidenceInterval(Math.Max(-100, score - half), Math.Min(100, score + half), level);
        return new NetPromoterScore(n, promoters, passives, detractors, score, interval);
    }
}
