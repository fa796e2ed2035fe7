namespace RetentionMetrics.Health;

/// <summary>Every message the health-score area shows to a user, as composite-format constants.</summary>
/// <remarks>
/// Placeholders: <c>{0}</c> is the component or band name unless the constant says otherwise. Tests compare against
/// these constants, and docs/health.md lists every one with an example.
/// </remarks>
public static class HealthErrorMessages
{
    /// <summary>The model has no components.</summary>
    public const string NoComponents = "The model has no components; add at least one.";

    /// <summary>A component has no name.</summary>
    public const string EmptyComponentName = "A component has an empty name; every component needs a name.";

    /// <summary>Two components share a name. {0}: the name.</summary>
    public const string DuplicateComponentName = "Component '{0}' appears twice; component names must be unique (compared without case).";

    /// <summary>A weight is negative or not finite. {0}: component, {1}: weight.</summary>
    public const string NegativeWeight = "Component '{0}' has weight {1}; weights must be finite and zero or more.";

    /// <summary>Every weight is zero.</summary>
    public const string AllWeightsZero = "Every component has weight zero; at least one weight must be positive.";

    /// <summary>A thresholds normaliser with fewer than two points. {0}: component.</summary>
    public const string TooFewThresholds = "Component '{0}' has fewer than two threshold points; give at least two.";

    /// <summary>Threshold values that do not increase. {0}: component, {1}: index of the offending point, {2}: its value, {3}: the previous value.</summary>
    public const string ThresholdsNotIncreasing = "Component '{0}': threshold point {1} has value {2}, not above the previous value {3}; threshold values must be strictly increasing.";

    /// <summary>A threshold score outside 0..1. {0}: component, {1}: index, {2}: score.</summary>
    public const string ThresholdScoreOutOfRange = "Component '{0}': threshold point {1} has score {2}; scores must be from 0 to 1.";

    /// <summary>Threshold scores that go against the direction. {0}: component, {1}: index, {2}: direction words.</summary>
    public const string ThresholdsAgainstDirection = "Component '{0}': threshold point {1} breaks the direction; when {2}, scores must never decrease as the good direction is followed.";

    /// <summary>A threshold value or score that is not finite. {0}: component, {1}: index.</summary>
    public const string ThresholdNotFinite = "Component '{0}': threshold point {1} is not a finite number.";

    /// <summary>Fixed min–max bounds that do not increase. {0}: component, {1}: minimum, {2}: maximum.</summary>
    public const string MinimumNotBelowMaximum = "Component '{0}': the minimum {1} is not below the maximum {2}.";

    /// <summary>Only one fixed bound or only one fitted parameter given. {0}: component, {1}: the two names.</summary>
    public const string IncompleteParameters = "Component '{0}': give both {1} or neither (neither means they are fitted on a population).";

    /// <summary>A fixed standard deviation that is not positive. {0}: component, {1}: value.</summary>
    public const string StandardDeviationNotPositive = "Component '{0}': the standard deviation {1} is not positive.";

    /// <summary>A fixed parameter that is not finite. {0}: component, {1}: parameter name.</summary>
    public const string ParameterNotFinite = "Component '{0}': the {1} is not a finite number.";

    /// <summary>No bands.</summary>
    public const string NoBands = "There are no bands; give at least one, covering 0 to 100.";

    /// <summary>A band without a name.</summary>
    public const string EmptyBandName = "A band has an empty name; every band needs a name.";

    /// <summary>Two bands share a name. {0}: name.</summary>
    public const string DuplicateBandName = "Band '{0}' appears twice; band names must be unique (compared without case).";

    /// <summary>A band whose range is empty or reversed. {0}: band, {1}: from, {2}: to.</summary>
    public const string BandRangeEmpty = "Band '{0}' runs from {1} to {2}; 'from' must be below 'to'.";

    /// <summary>The lowest band does not start at 0. {0}: band, {1}: from.</summary>
    public const string FirstBandNotAtZero = "Band '{0}' is the lowest band but starts at {1}; the bands must start at 0.";

    /// <summary>The highest band does not end at 100. {0}: band, {1}: to.</summary>
    public const string LastBandNotAtHundred = "Band '{0}' is the highest band but ends at {1}; the bands must end at 100.";

    /// <summary>A gap between two bands. {0}: band, {1}: its from, {2}: previous band, {3}: previous to.</summary>
    public const string BandGap = "Band '{0}' starts at {1} but band '{2}' ends at {3}: scores between them would have no band.";

    /// <summary>Two bands overlap. {0}: band, {1}: its from, {2}: previous band, {3}: previous to.</summary>
    public const string BandOverlap = "Band '{0}' starts at {1} but band '{2}' ends at {3}: the bands overlap.";

    /// <summary>A band bound outside 0..100 or not finite. {0}: band.</summary>
    public const string BandBoundOutOfRange = "Band '{0}' has a bound outside 0 to 100.";

    /// <summary>Thresholds for bands that do not increase strictly inside (0, 100).</summary>
    public const string BandThresholdsNotIncreasing = "Band thresholds must be strictly increasing and strictly between 0 and 100.";

    /// <summary>Wrong number of band names for the thresholds. {0}: names, {1}: thresholds.</summary>
    public const string BandNamesDoNotMatchThresholds = "There are {0} band names for {1} thresholds; give one more name than thresholds.";

    /// <summary>JSON that does not parse. {0}: the parser's message.</summary>
    public const string InvalidJson = "The configuration is not valid JSON: {0}";

    /// <summary>A JSON value of the wrong kind. {0}: what was expected, {1}: what arrived.</summary>
    public const string WrongJsonType = "Expected {0}, found {1}.";

    /// <summary>A required JSON property is absent. {0}: property.</summary>
    public const string MissingProperty = "The property '{0}' is required.";

    /// <summary>A JSON property given twice in one object. {0}: property.</summary>
    public const string DuplicateProperty = "The property '{0}' appears twice.";

    /// <summary>A JSON property the schema does not know. {0}: property, {1}: the known properties.</summary>
    public const string UnknownProperty = "Unknown property '{0}'; expected {1}.";

    /// <summary>An unknown normaliser type. {0}: component, {1}: the type given.</summary>
    public const string UnknownNormaliser = "Component '{0}': unknown normaliser '{1}'; expected minMax, zScore, percentile, thresholds or boolean.";

    /// <summary>An unknown direction. {0}: component, {1}: the direction given.</summary>
    public const string UnknownDirection = "Component '{0}': unknown direction '{1}'; expected higherIsBetter or lowerIsBetter.";

    /// <summary>An unknown missing-value policy. {0}: component, {1}: the policy given.</summary>
    public const string UnknownMissingPolicy = "Component '{0}': unknown missing-value policy '{1}'; expected skip, worst or value.";

    /// <summary>A value policy without its value. {0}: component.</summary>
    public const string MissingPolicyValueRequired = "Component '{0}': the missing-value policy 'value' needs a finite 'value'.";

    /// <summary>A metric value that is infinite. {0}: component, {1}: value.</summary>
    public const string ValueNotFinite = "The value of component '{0}' is {1}; values must be finite (NaN or null means missing).";

    /// <summary>A population without any value for a population normaliser. {0}: component.</summary>
    public const string NoPopulationValues = "The population has no value for component '{0}'; its normaliser needs at least one to be fitted.";

    /// <summary>Scoring with a model whose population normalisers are not fitted. {0}: component.</summary>
    public const string NotFitted = "Component '{0}' has a population normaliser that is not fitted; call Fit on a population first.";

    /// <summary>A row with the wrong number of values. {0}: expected, {1}: given.</summary>
    public const string ValueCountMismatch = "Expected {0} value(s) per customer (one per component, in order), got {1}.";

    /// <summary>A selector map that lacks a component. {0}: component.</summary>
    public const string MissingSelector = "There is no selector for component '{0}'.";

    /// <summary>A selector map with a name that is not a component. {0}: name.</summary>
    public const string UnknownSelector = "There is a selector for '{0}', which is not a component of the model.";
}
