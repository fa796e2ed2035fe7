using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Churn;
using RetentionMetrics.Serialization;

namespace RetentionMetrics.Tests.Serialization;

public class SurveyAccumulatorJsonTests
{
    private static readonly Arbitrary<int[]> NpsAnswers = Arb.From(Gen.Choose(0, 10).ArrayOf());
    private static readonly Arbitrary<int[]> CsatAnswers = Arb.From(Gen.Choose(1, 5).ArrayOf());
    private static readonly Arbitrary<int> Cuts = Arb.From(Gen.Choose(0, 1000));

    [Fact]
    public void Serialize_NetPromoterScoreWorkedExample_WritesTheDocumentedShape()
    {
        // Answers 10, 9 (promoters), 7 (passive), 3 (detractor).
        var accumulator = new NetPromoterScoreAccumulator();
        foreach (var answer in new[] { 10, 9, 7, 3 })
        {
            accumulator.Add(answer);
        }

        Assert.Equal(
            """{"type":"netPromoterScoreAccumulator","version":1,"options":{"confidenceLevel":0.95,"csatMinimum":1,"csatMaximum":5,"csatSatisfiedFrom":4},"promoters":2,"passives":1,"detractors":1}""",
            RetentionMetricsJson.Serialize(accumulator));
    }

    [Property(MaxTest = 100)]
    public Property NetPromoterScore_RestoredPartMergedWithAnother_EqualsSinglePass() =>
        Prop.ForAll(NpsAnswers, Cuts, (answers, cut) =>
        {
            var split = answers.Length == 0 ? 0 : cut % (answers.Length + 1);
            var restored = StateJsonAssert.RoundTrip(Nps(answers[..split]), out var sameJson);
            restored.Merge(Nps(answers[split..]));
            return sameJson && restored.ToScore() == Nps(answers).ToScore();
        });

    [Property(MaxTest = 100)]
    public Property CustomerSatisfaction_RestoredPartMergedWithAnother_EqualsSinglePass() =>
        Prop.ForAll(CsatAnswers, Cuts, (answers, cut) =>
        {
            var split = answers.Length == 0 ? 0 : cut % (answers.Length + 1);
            var restored = StateJsonAssert.RoundTrip(Csat(answers[..split]), out var sameJson);
            restored.Merge(Csat(answers[split..]));
            return sameJson && restored.ToScore() == Csat(answers).ToScore() && restored.Options == SurveyOptions.Default;
        });

    [Fact]
    public void Deserialize_NegativePromoters_NamesThePath()
    {
        var json = RetentionMetricsJson.Serialize(Nps([9]));

        StateJsonAssert.Rejects<NetPromoterScoreAccumulator>(
            StateJsonAssert.Replace(json, "\"promoters\":1", "\"promoters\":-1"), "$.promoters",
            SerializationErrorMessages.Format(SerializationErrorMessages.NegativeCount, -1));
    }

    [Fact]
    public void Deserialize_MoreSatisfiedThanResponses_NamesThePath()
    {
        var json = RetentionMetricsJson.Serialize(Csat([5, 1]));

        StateJsonAssert.Rejects<CustomerSatisfactionAccumulator>(
            StateJsonAssert.Replace(json, "\"satisfied\":1", "\"satisfied\":3"), "$.satisfied",
            SerializationErrorMessages.Format(SerializationErrorMessages.OutOfRange, 0, 2, 3));
    }

    [Fact]
    public void Deserialize_InvalidSurveyOptions_NamesTheOptions()
    {
        var json = StateJsonAssert.Replace(RetentionMetricsJson.Serialize(Csat([5])), "\"confidenceLevel\":0.95", "\"confidenceLevel\":1.5");

        StateJsonAssert.RejectsAt<CustomerSatisfactionAccumulator>(json, "$.options");
    }

    private static NetPromoterScoreAccumulator Nps(IEnumerable<int> answers)
    {
        var accumulator = new NetPromoterScoreAccumulator();
        foreach (var answer in answers)
        {
            accumulator.Add(answer);
        }

        return accumulator;
    }

    private static CustomerSatisfactionAccumulator Csat(IEnumerable<int> answers)
    {
        var accumulator = new CustomerSatisfactionAccumulator();
        foreach (var answer in answers)
        {
            accumulator.Add(answer);
        }

        return accumulator;
    }
}
