namespace RetentionMetrics.Lifetime;

/// <summary>A fitted continuous-time repeat-purchase ("buy till you die") model: BG/NBD, MBG/NBD or Pareto/NBD.</summary>
/// <remarks>Time arguments are in the time unit of the data the model was fitted on (weeks for CDNOW).</remarks>
public interface ITransactionModel
{
    /// <summary>The model's short name: <c>bgnbd</c>, <c>mbgnbd</c> or <c>paretonbd</c>.</summary>
    string Name { get; }

    /// <summary>The parameters by name, in the model's usual order.</summary>
    IReadOnlyDictionary<string, double> Parameters { get; }

    /// <summary>How the fit went, or null when the model was built from given parameters.</summary>
    LifetimeFitDiagnostics? Diagnostics { get; }

    /// <summary>The log-likelihood of <paramref name="data"/> under the model.</summary>
    /// <param name="data">Repeat-purchase summaries.</param>
    /// <returns>Σ weight · ln L(x, t_x, T).</returns>
    double LogLikelihood(RepeatPurchaseData data);

    /// <summary>The expected number of purchases in the next <paramref name="t"/> time units of a customer with the given history.</summary>
    /// <param name="t">The horizon, 0 or more.</param>
    /// <param name="frequency">Repeat purchases x.</param>
    /// <param name="recency">Recency t_x.</param>
    /// <param name="T">Age T.</param>
    /// <returns>E[X(T, T + t) | x, t_x, T], 0 or more.</returns>
    double ExpectedPurchases(double t, double frequency, double recency, double T);

    /// <summary>The probability that a customer with the given history is still alive at T.</summary>
    /// <param name="frequency">Repeat purchases x.</param>
    /// <param name="recency">Recency t_x.</param>
    /// <param name="T">Age T.</param>
    /// <returns>A probability in [0, 1].</returns>
    double ProbabilityAlive(double frequency, double recency, double T);

    /// <summary>The expected number of repeat purchases of a new customer in the first <paramref name="t"/> time units.</summary>
    /// <param name="t">The time since the first purchase, 0 or more.</param>
    /// <returns>E[X(t)], 0 or more.</returns>
    double ExpectedPurchasesNewCustomer(double t);
}
