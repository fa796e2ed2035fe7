using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Churn;

namespace RetentionMetrics.Tests.Churn;

public class CustomerSatisfactionAccumulatorTests
{
    [Fact]
    public void ToScore_EightOfTen_MatchesWilsonInterval()
    {
        // Wilson (1927) at z = 1.959964: centre (0.8 + z²/20) / (1 + z²/10) = 0.716739,
        // half-width z / (1 + z²/10) · √(0.016 + z²/400) = 0.226578 → [0.490161, 0.943317].
        var accumulator = new CustomerSatisfactionAccumulator();
        foreach (var answer in new[] { 5, 5, 4, 4, 5, 4, 5, 4, 3, 1 })
        {
            accumulator.Add(answer);
        }

        var score = accumulator.ToScore();

        Assert.Equal((10L, 8L, 0.8), (score.Responses, score.Satisfied, score.Share!.Value));
        Assert.Equal(0.490161, score.Interval!.Value.Low, 5);
        Assert.Equal(0.943317, score.Interval!.Value.High, 5);
    }

    [Fact]
    public void ToScore_CustomScale_CountsFromThreshold()
    {
        // 1–7 scale, satisfied from 6: answers 7, 6, 5 → 2 of 3.
        var accumulator = new CustomerSatisfactionAccumulator(new SurveyOptions { CsatMinimum = 1, CsatMaximum = 7, CsatSatisfiedFrom = 6 });
        accumulator.Add(7);
        accumulator.Add(6);
        accumulator.Add(5);

        Assert.Equal(2d / 3, accumulator.ToScore().Share!.Value, 12);
    }

    [Fact]
    public void Add_AnswerOffTheScale_ThrowsPositionedDataError()
    {
        var accumulator = new CustomerSatisfactionAccumulator();

        var error = Assert.Throws<RetentionDataException>(() => accumulator.Add(0));

        Assert.Equal((string.Format(System.Globalization.CultureInfo.InvariantCulture, ChurnErrorMessages.CsatAnswerOutOfRange, 0, 1, 5), 0L),
            (error.Reason, error.Position!.Value));
    }

    [Fact]
    public void Constructor_ThresholdOffTheScale_ThrowsNamingOptions() =>
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => new CustomerSatisfactionAccumulator(new SurveyOptions { CsatSatisfiedFrom = 6 })).ParamName);

    [Property(MaxTest = 300)]
    public Property ToScore_ShareAndIntervalInUnitIntervalAndContainShare() =>
        Prop.ForAll(Arb.From(Gen.Choose(1, 5).ArrayOf()), answers =>
        {
            var accumulator = new CustomerSatisfactionAccumulator();
            foreach (var answer in answers)
            {
                accumulator.Add(answer);
            }

            var score = accumulator.ToScore();
            return answers.Length == 0
                ? score.Share is null
                : score.Share is >= 0 and <= 1 && score.Interval!.Value.Low >= 0 && score.Interval!.Value.High <= 1 && score.Interval!.Value.Contains(score.Share.Value);
        });
}
