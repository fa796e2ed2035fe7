using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Health;

namespace RetentionMetrics.Tests.Health;

public partial class HealthScoreModelTests
{
    internal const string ExampleConfiguration = """
        {
          "components": [
            { "name": "logins", "weight": 2, "normaliser": "percentile" },
            { "name": "tickets", "weight": 1, "direction": "lowerIsBetter",
              "normaliser": { "type": "thresholds", "points": [ { "value": 0, "score": 1 }, { "value": 3, "score": 0.5 }, { "value": 10, "score": 0 } ] } },
            { "name": "nps", "normaliser": { "type": "minMax", "minimum": 0, "maximum": 10 }, "missing": "worst" }
          ]
        }
        """;

    [Fact]
    public void FromJson_ExampleConfiguration_EqualsTheFluentModel() =>
        Assert.Equal(WorkedModel(), HealthScoreModel.FromJson(ExampleConfiguration));

    [Fact]
    public void FromJson_AllOptions_ReadsEveryPart()
    {
        const string json = """
            {
              "components": [
                { "name": "usage", "weight": 0.5, "direction": "higherIsBetter", "normaliser": { "type": "zScore", "mean": 10, "standardDeviation": 2 },
                  "missing": { "policy": "value", "value": 3 } },
                { "name": "failedPayment", "direction": "LOWERISBETTER", "normaliser": { "type": "boolean" }, "missing": { "policy": "skip" } }
              ],
              "bands": [ { "name": "Green", "from": 60, "to": 100 }, { "name": "Red", "from": 0, "to": 60 } ]
            }
            """;

        var model = HealthScoreModel.FromJson(json);

        Assert.Equal(new HealthComponent("usage", HealthNormaliser.ZScore(10, 2), 0.5, HealthDirection.HigherIsBetter, MissingValuePolicy.UseValue(3)), model.Components[0]);
        Assert.Equal(new HealthComponent("failedPayment", HealthNormaliser.Boolean(), 1, HealthDirection.LowerIsBetter), model.Components[1]);
        Assert.Equal([new HealthBand("Red", 0, 60), new HealthBand("Green", 60, 100)], model.Bands);
    }

    [Property(MaxTest = 200)]
    public Property ToJson_ThenFromJson_GivesAnEqualModel_FittedOrNot() =>
        Prop.ForAll(HealthGenerators.Cases, c =>
            HealthScoreModel.FromJson(c.Model.ToJson()).Equals(c.Model) && HealthScoreModel.FromJson(c.Fitted.ToJson()).Equals(c.Fitted));

    [Property(MaxTest = 100)]
    public Property ToJson_FittedModelReadBack_ScoresTheSame() =>
        Prop.ForAll(HealthGenerators.Cases, c =>
        {
            var fitted = c.Fitted;
            var read = HealthScoreModel.FromJson(fitted.ToJson());
            return Rows(c).All(row => fitted.Score(row).Equals(read.Score(row)));
        });

    public static TheoryData<string, string, string> InvalidConfigurations() => new()
    {
        { """{ "components": [] }""", "$.components", HealthErrorMessages.NoComponents },
        { """{ "bands": [] }""", "$.components", Format(HealthErrorMessages.MissingProperty, "components") },
        { """{ "components": [ { "name": "a", "weight": -1, "normaliser": "boolean" } ] }""", "$.components[0].weight", Format(HealthErrorMessages.NegativeWeight, "a", -1) },
        { """{ "components": [ { "name": "a", "weight": 0, "normaliser": "boolean" }, { "name": "b", "weight": 0, "normaliser": "boolean" } ] }""", "$.components", HealthErrorMessages.AllWeightsZero },
        { """{ "components": [ { "name": "a", "normaliser": "boolean" }, { "name": "A", "normaliser": "boolean" } ] }""", "$.components[1].name", Format(HealthErrorMessages.DuplicateComponentName, "A") },
        { """{ "components": [ { "name": " ", "normaliser": "boolean" } ] }""", "$.components[0].name", HealthErrorMessages.EmptyComponentName },
        { """{ "components": [ { "name": "a", "normaliser": "median" } ] }""", "$.components[0].normaliser.type", Format(HealthErrorMessages.UnknownNormaliser, "a", "median") },
        { """{ "components": [ { "name": "a", "normaliser": "boolean", "direction": "up" } ] }""", "$.components[0].direction", Format(HealthErrorMessages.UnknownDirection, "a", "up") },
        { """{ "components": [ { "name": "a", "normaliser": "boolean", "missing": "zero" } ] }""", "$.components[0].missing", Format(HealthErrorMessages.UnknownMissingPolicy, "a", "zero") },
        { """{ "components": [ { "name": "a", "normaliser": "boolean", "missing": { "policy": "value" } } ] }""", "$.components[0].missing", Format(HealthErrorMessages.MissingPolicyValueRequired, "a") },
        { """{ "components": [ { "name": "a", "normaliser": { "type": "thresholds", "points": [ { "value": 5, "score": 0 }, { "value": 5, "score": 1 } ] } } ] }""", "$.components[0].normaliser.points", Format(HealthErrorMessages.ThresholdsNotIncreasing, "a", 1, 5, 5) },
        { """{ "components": [ { "name": "a", "normaliser": { "type": "thresholds", "points": [ { "value": 0, "score": 1 }, { "value": 5, "score": 0 } ] } } ] }""", "$.components[0].normaliser.points", Format(HealthErrorMessages.ThresholdsAgainstDirection, "a", 1, "higher is better") },
        { """{ "components": [ { "name": "a", "normaliser": { "type": "thresholds", "points": [ { "value": 0, "score": 1.5 }, { "value": 5, "score": 2 } ] } } ] }""", "$.components[0].normaliser.points", Format(HealthErrorMessages.ThresholdScoreOutOfRange, "a", 0, 1.5) },
        { """{ "components": [ { "name": "a", "normaliser": { "type": "thresholds", "points": [ { "value": 0, "score": 1 } ] } } ] }""", "$.components[0].normaliser.points", Format(HealthErrorMessages.TooFewThresholds, "a") },
        { """{ "components": [ { "name": "a", "normaliser": { "type": "minMax", "minimum": 3 } } ] }""", "$.components[0].normaliser", Format(HealthErrorMessages.IncompleteParameters, "a", "minimum and maximum") },
        { """{ "components": [ { "name": "a", "normaliser": { "type": "minMax", "minimum": 3, "maximum": 3 } } ] }""", "$.components[0].normaliser", Format(HealthErrorMessages.MinimumNotBelowMaximum, "a", 3, 3) },
        { """{ "components": [ { "name": "a", "normaliser": { "type": "zScore", "mean": 3, "standardDeviation": 0 } } ] }""", "$.components[0].normaliser", Format(HealthErrorMessages.StandardDeviationNotPositive, "a", 0) },
        { """{ "components": [ { "name": "a", "normaliser": { "type": "minMax", "lowest": 3 } } ] }""", "$.components[0].normaliser.lowest", Format(HealthErrorMessages.UnknownProperty, "lowest", "type, minimum, maximum, fitted") },
        { """{ "components": [ { "name": "a", "wieght": 2, "normaliser": "boolean" } ] }""", "$.components[0].wieght", Format(HealthErrorMessages.UnknownProperty, "wieght", "name, weight, direction, normaliser, missing") },
        { """{ "components": [ { "name": "a", "weight": "2", "normaliser": "boolean" } ] }""", "$.components[0].weight", Format(HealthErrorMessages.WrongJsonType, "a finite number", "a string") },
        { """{ "components": [ { "name": "a", "normaliser": "boolean" } ], "bands": [ { "name": "Low", "from": 0, "to": 60 }, { "name": "High", "from": 50, "to": 100 } ] }""", "$.bands[1]", Format(HealthErrorMessages.BandOverlap, "High", 50, "Low", 60) },
        { """{ "components": [ { "name": "a", "normaliser": "boolean" } ], "bands": [ { "name": "Low", "from": 0, "to": 40 }, { "name": "High", "from": 50, "to": 100 } ] }""", "$.bands[1]", Format(HealthErrorMessages.BandGap, "High", 50, "Low", 40) },
        { """{ "components": [ { "name": "a", "normaliser": "boolean" } ], "bands": [ { "name": "Low", "from": 10, "to": 100 } ] }""", "$.bands[0]", Format(HealthErrorMessages.FirstBandNotAtZero, "Low", 10) },
        { """{ "components": [ { "name": "a", "normaliser": "boolean" } ], "bands": [ { "name": "Low", "from": 0, "to": 90 } ] }""", "$.bands[0]", Format(HealthErrorMessages.LastBandNotAtHundred, "Low", 90) },
        { """{ "components": [ { "name": "a", "normaliser": "boolean" } ], "bands": [ { "name": "Low", "from": 50, "to": 20 } ] }""", "$.bands[0]", Format(HealthErrorMessages.BandRangeEmpty, "Low", 50, 20) },
        { """{ "components": [ { "name": "a", "normaliser": "boolean" } ], "bands": [ { "name": "X", "from": 0, "to": 50 }, { "name": "x", "from": 50, "to": 100 } ] }""", "$.bands[1]", Format(HealthErrorMessages.DuplicateBandName, "x") },
        { """{ "components": [ { "name": "a", "normaliser": "boolean", "name": "b" } ] }""", "$.components[0].name", Format(HealthErrorMessages.DuplicateProperty, "name") },
        { """[ 1, 2 ]""", "$", Format(HealthErrorMessages.WrongJsonType, "an object", "an array") },
    };

    [Theory]
    [MemberData(nameof(InvalidConfigurations))]
    public void FromJson_InvalidConfiguration_ThrowsWithPathAndMessage(string json, string path, string message)
    {
        var exception = Assert.Throws<HealthConfigurationException>(() => HealthScoreModel.FromJson(json));

        Assert.Equal((path, message), (exception.Path, exception.Reason));
        Assert.Equal($"Health configuration error at {path}: {message}", exception.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{ \"components\": [ ")]
    [InlineData("{ } { }")]
    public void FromJson_NotJson_ThrowsInvalidJson(string json)
    {
        var exception = Assert.Throws<HealthConfigurationException>(() => HealthScoreModel.FromJson(json));

        Assert.Equal("$", exception.Path);
        Assert.StartsWith(HealthErrorMessages.InvalidJson[..30], exception.Reason, StringComparison.Ordinal);
    }

    private static string Format(string format, params object[] arguments) => string.Format(CultureInfo.InvariantCulture, format, arguments);
}
