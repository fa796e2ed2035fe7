using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Churn;

namespace RetentionMetrics.Tests.Churn;

public class NetPromoterScoreAccumulatorTests
{
    [Fact]
    public void ToScore_WorkedExample_MatchesHandCalculation()
    {
        // 6 promoters, 2 passives, 2 detractors: p = 0.6, d = 0.2, NPS = 40.
        // Var = (p + d − (p − d)²) / n = (0.8 − 0.16) / 10 = 0.064; sd = 0.252982; 1.959964 · 25.2982 = 49.5836.
        var accumulator = new NetPromoterScoreAccumulator();
        foreach (var answer in new[] { 10, 9, 9, 10, 9, 10, 7, 8, 0, 6 })
        {
            accumulator.Add(answer);
        }

        var score = accumulator.ToScore();

        Assert.Equal((10L, 6L, 2L, 2L), (score.Responses, score.Promoters, score.Passives, score.Detractors));
        Assert.Equal(40d, score.Score!.Value, 12);
        Assert.Equal(40 - 49.5836, score.Interval!.Value.Low, 3);
        Assert.Equal(40 + 49.5836, score.Interval!.Value.High, 3);
        Assert.Equal(0.95, score.Interval!.Value.Level);
    }

    [Fact]
    public void ToScore_PublishedVarianceExample_MatchesStandardError()
    {
        // The Cross Validated answer to "How can I calculate margin of error in a NPS result?" works p = 1/2, passives 1/3,
        // d = 1/6: NPS 1/3 and a per-answer variance of 5/9, so a standard deviation of √(5/9) ≈ 0.745356.
        // With 600 answers (300, 200, 100): SE = 100 · 0.745356 / √600 = 3.04290, so the 95% half-width is 1.959964 · 3.04290 = 5.96398.
        var accumulator = new NetPromoterScoreAccumulator();
        for (var i = 0; i < 600; i++)
        {
            accumulator.Add(i < 300 ? 10 : i < 500 ? 7 : 2);
        }

        var score = accumulator.ToScore();

        Assert.Equal(100d / 3, score.Score!.Value, 9);
        Assert.Equal(5.96398, (score.Interval!.Value.High - score.Interval!.Value.Low) / 2, 4);
    }

    [Fact]
    public void ToScore_NoAnswers_HasNoScore()
    {
        var score = new NetPromoterScoreAccumulator().ToScore();

        Assert.Equal((0L, (double?)null, (ConfidenceInterval?)null), (score.Responses, score.Score, score.Interval));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void Add_AnswerOffTheScale_ThrowsPositionedDataError(int answer)
    {
        var accumulator = new NetPromoterScoreAccumulator();
        accumulator.Add(5);

        var error = Assert.Throws<RetentionDataException>(() => accumulator.Add(answer));

        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, ChurnErrorMessages.NpsAnswerOutOfRange, answer), error.Reason);
        Assert.Equal(1L, error.Position);
    }

    [Fact]
    public void Constructor_ConfidenceLevelOne_ThrowsNamingOptions() =>
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => new NetPromoterScoreAccumulator(new SurveyOptions { ConfidenceLevel = 1 })).ParamName);

    private static readonly Arbitrary<int[]> Answers = Arb.From(Gen.Choose(0, 10).ArrayOf());

    [Property(MaxTest = 300)]
    public Property ToScore_InRangeAndIntervalContainsEstimate() =>
        Prop.ForAll(Answers, answers =>
        {
            var score = Accumulate(answers).ToScore();
            if (answers.Length == 0)
            {
                return score.Score is null;
            }

            var interval = score.Interval!.Value;
            return score.Score is >= -100 and <= 100 && interval.Low >= -100 && interval.High <= 100 && interval.Contains(score.Score.Value)
                && score.Promoters == answers.Count(a => a >= 9) && score.Detractors == answers.Count(a => a <= 6);
        });

    [Property(MaxTest = 200)]
    public Property Merge_OfAnySplit_EqualsSinglePass() =>
        Prop.ForAll(Answers, ChurnGenerators.Cuts, (answers, cut) =>
        {
            var split = answers.Length == 0 ? 0 : cut % (answers.Length + 1);
            var left = Accumulate(answers[..split]);
            left.Merge(Accumulate(answers[split..]));
            return left.ToScore() == Accumulate(answers).ToScore();
        });

    [Property(MaxTest = 200)]
    public Property Interval_NarrowsWithMoreOfTheSameAnswers() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, 10).NonEmptyListOf().Select(l => l.ToArray())), answers =>
        {
            var once = Accumulate(answers).ToScore().Interval!.Value;
            var four = Accumulate([.. answers, .. answers, .. answers, .. answers]).ToScore().Interval!.Value;
            return four.High - four.Low <= once.High - once.Low + 1e-9;
        });

    private static NetPromoterScoreAccumulator Accumulate(IEnumerable<int> answers)
    {
        var accumulator = new NetPromoterScoreAccumulator();
        foreach (var answer in answers)
        {
            accumulator.Add(answer);
        }

        return accumulator;
    }
}
