using NodaTime;

namespace RetentionMetrics.Churn;

/// <summary>One period of MRR movements, with the customer counts and the revenue-retention rates derived from them.</summary>
/// <remarks>
/// Always <c>EndMrr = StartMrr + NewMrr + ExpansionMrr − ContractionMrr − ChurnedMrr + ReactivationMrr</c> and
/// <c>EndCustomers = StartCustomers − ChurnedCustomers + NewCustomers + ReactivatedCustomers</c>. Customer counts
/// compare the MRR in force at the ends of consecutive periods in both modes. Rates are <see langword="null"/> when
/// their denominator is 0, never NaN. Equal when every field is equal.
/// </remarks>
/// <param name="Start">The first day of the period.</param>
/// <param name="Label">The period as text: yyyy-MM for months, yyyy-Www for ISO weeks, yyyy-Qn for quarters, yyyy-MM-dd for days.</param>
/// <param name="StartMrr">MRR in force at the end of the previous period.</param>
/// <param name="NewMrr">New business MRR.</param>
/// <param name="ExpansionMrr">Expansion MRR.</param>
/// <param name="ContractionMrr">Contraction MRR, as a positive amount.</param>
/// <param name="ChurnedMrr">Churned MRR, as a positive amount.</param>
/// <param name="ReactivationMrr">Reactivation MRR.</param>
/// <param name="EndMrr">MRR in force at the end of the period.</param>
/// <param name="StartCustomers">Customers with positive MRR at the end of the previous period.</param>
/// <param name="NewCustomers">Customers going from 0 to positive MRR for the first time.</param>
/// <param name="ReactivatedCustomers">Customers going from 0 back to positive MRR after having paid before.</param>
/// <param name="ChurnedCustomers">Customers going from positive MRR to 0.</param>
/// <param name="EndCustomers">Customers with positive MRR at the end of the period.</param>
public sealed record MrrMovementPeriod(
    LocalDate Start,
    string Label,
    decimal StartMrr,
    decimal NewMrr,
    decimal ExpansionMrr,
    decimal ContractionMrr,
    decimal ChurnedMrr,
    decimal ReactivationMrr,
    decimal EndMrr,
    int StartCustomers,
    int NewCustomers,
    int ReactivatedCustomers,
    int ChurnedCustomers,
    int EndCustomers)
{
    /// <summary>Customer churn rate: churned ÷ start customers, in [0, 1]; <see langword="null"/> without customers at the start.</summary>
    public double? ChurnRate => StartCustomers == 0 ? null : (double)ChurnedCustomers / StartCustomers;

    /// <summary>Customer retention rate excluding new and reactivated customers: 1 − churn rate; <see langword="null"/> without customers at the start.</summary>
    public double? RetentionRate => StartCustomers == 0 ? null : (double)(StartCustomers - ChurnedCustomers) / StartCustomers;

    /// <summary>Gross MRR churn rate (revenue churn): (churned + contraction) ÷ start MRR; <see langword="null"/> when start MRR is 0.</summary>
    /// <example>Start 100, churned 10, contraction 10, expansion 10: 0.20.</example>
    public double? GrossMrrChurnRate => StartMrr == 0 ? null : (double)((ChurnedMrr + ContractionMrr) / StartMrr);

    /// <summary>
    /// Net MRR churn rate: (churned + contraction − expansion − reactivation) ÷ start MRR, negative when gains outweigh
    /// losses; <see langword="null"/> when start MRR is 0.
    /// </summary>
    /// <example>Start 100, churned 10, contraction 10, expansion 10: 0.10.</example>
    public double? NetMrrChurnRate => StartMrr == 0 ? null : (double)((ChurnedMrr + ContractionMrr - ExpansionMrr - ReactivationMrr) / StartMrr);

    /// <summary>
    /// Gross revenue retention: 1 − gross MRR churn rate, in [0, 1] (clamped at 0, which only the event mode can reach);
    /// <see langword="null"/> when start MRR is 0.
    /// </summary>
    public double? GrossRevenueRetention => GrossMrrChurnRate is { } rate ? Math.Clamp(1 - rate, 0, 1) : null;

    /// <summary>
    /// Net revenue retention: 1 − net MRR churn rate, 0 or more and above 1 when expansion and reactivation outweigh
    /// losses (clamped at 0, which only the event mode can reach); <see langword="null"/> when start MRR is 0.
    /// </summary>
    public double? NetRevenueRetention => NetMrrChurnRate is { } rate ? Math.Max(0, 1 - rate) : null;
}
