namespace RetentionMetrics.Lifetime;

/// <summary>The wording of every error the lifetime-value area raises, so callers and tests can compare against it.</summary>
public static class LifetimeErrorMessages
{
    /// <summary>The data hold no customer.</summary>
    public const string NoCustomers = "There are no customers to fit the model to.";

    /// <summary>A frequency, recency, age or monetary value is negative, NaN or infinite.</summary>
    public const string NotFiniteOrNegative = "Frequency, recency, T and monetary value must be finite and not negative.";

    /// <summary>The recency exceeds the customer's age.</summary>
    public const string RecencyAfterT = "The recency is greater than T: the last purchase cannot come after the end of observation.";

    /// <summary>A continuous-time model saw repeat purchases at recency 0.</summary>
    public const string RepeatPurchasesAtRecencyZero = "The frequency is above 0 but the recency is 0: repeat purchases need a recency above 0 in a continuous-time model.";

    /// <summary>The weight of a customer row is not a positive finite number.</summary>
    public const string BadWeight = "The weight (number of identical customers) must be a positive finite number.";

    /// <summary>The data for Gamma-Gamma hold no repeat buyer.</summary>
    public const string NoRepeatBuyers = "There are no repeat buyers (frequency above 0): the Gamma-Gamma spend model needs some.";

    /// <summary>A repeat buyer's monetary value is 0.</summary>
    public const string MonetaryValueNotPositive = "A repeat buyer's monetary value must be above 0 for the Gamma-Gamma spend model.";

    /// <summary>A discrete-time (BG/BB) pattern is not made of whole numbers in order.</summary>
    public const string DiscretePattern = "A BG/BB pattern needs whole numbers with frequency ≤ recency ≤ periods (recency 0 only when frequency is 0).";

    /// <summary>The survival counts of an sBG fit are not usable.</summary>
    public const string SurvivalCounts = "Survival counts need at least two periods, a positive count at period 0, and counts that never rise.";

    /// <summary>The optimiser stopped at its iteration limit.</summary>
    public const string IterationLimit = "The optimiser reached its iteration limit before it converged.";

    /// <summary>The line search found no better point although the gradient is still above the tolerance.</summary>
    public const string LineSearchStalled = "The optimiser found no better point although the gradient is not yet below its tolerance.";

    /// <summary>The gradient vanished at a point that is not a strict maximum.</summary>
    public const string NotAMaximum = "The gradient is near zero but the likelihood is flat or curved upward there (the Hessian is not positive definite): the data do not identify the model.";

    /// <summary>The likelihood keeps growing as a parameter runs off to 0 or infinity.</summary>
    public const string ParameterDiverged = "A parameter ran off towards 0 or infinity: the data do not identify the model (try a penalty).";

    /// <summary>The likelihood could not be evaluated at any point tried.</summary>
    public const string LikelihoodNotFinite = "The log-likelihood is not finite at the starting point or anywhere the optimiser tried.";

    /// <summary>The Hessian at the optimum is not positive definite.</summary>
    public const string HessianNotPositiveDefinite = "The numerical Hessian at the optimum is not positive definite, so standard errors are not available.";

    /// <summary>The hypergeometric series did not converge within its term limit.</summary>
    public const string HypergeometricNotConverged = "The hypergeometric series did not converge: the horizon is too long for these parameters.";

    /// <summary>The calibration end is not before the holdout end.</summary>
    public const string HoldoutOrder = "The holdout must end after the calibration period ends.";
}
