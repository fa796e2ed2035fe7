using NodaTime;

namespace RetentionMetrics.Churn;

/// <summary>One period of a customer churn table: who was there at the start, who came, who left, who came back.</summary>
/// <remarks>
/// The counts satisfy <c>End = Start − Churned + New + Reactivated</c>. Rates are <see langword="null"/> when their
/// denominator is 0 (no customers at the start, no purchasers), never NaN. Equal when every field is equal.
/// </remarks>
/// <param name="Start">The first day of the period.</param>
/// <param name="Label">The period as text: yyyy-MM for months, yyyy-Www for ISO weeks, yyyy-Qn for quarters, yyyy-MM-dd for days.</param>
/// <param name="StartCustomers">Customers active in the previous period.</param>
/// <param name="NewCustomers">Customers whose first record falls in this period.</param>
/// <param name="ReactivatedCustomers">Customers active in this period, not in the previous one, whose first record is earlier.</param>
/// <param name="ChurnedCustomers">Customers active in the previous period and not in this one.</param>
/// <param name="EndCustomers">Customers active in this period.</param>
/// <param name="Purchasers">Customers with a record in this period.</param>
/// <param name="RepeatPurchasers">Purchasers of this period who also have a record in an earlier period.</param>
public sealed record CustomerChurnPeriod(
    LocalDate Start,
    string Label,
    int StartCustomers,
    int NewCustomers,
    int ReactivatedCustomers,
    int ChurnedCustomers,
    int EndCustomers,
    int Purchasers,
    int RepeatPurchasers)
{
    /// <summary>Customers kept from the start of the period: start − churned.</summary>
    public int RetainedCustomers => StartCustomers - ChurnedCustomers;

    /// <summary>Customer churn rate: churned ÷ start, in [0, 1]; <see langword="null"/> when no customer was active at the start.</summary>
    /// <example>30 lost of 1,000 at the start is 0.03.</example>
    public double? ChurnRate => StartCustomers == 0 ? null : (double)ChurnedCustomers / StartCustomers;

    /// <summary>
    /// Customer retention rate excluding new customers: (end − new − reactivated) ÷ start = 1 − churn rate, in [0, 1];
    /// <see langword="null"/> when no customer was active at the start. Without returning customers this is the textbook
    /// (end − new) ÷ start.
    /// </summary>
    public double? RetentionRate => StartCustomers == 0 ? null : (double)RetainedCustomers / StartCustomers;

    /// <summary>Repeat purchase rate: repeat purchasers ÷ purchasers, in [0, 1]; <see langword="null"/> when nobody purchased.</summary>
    public double? RepeatPurchaseRate => Purchasers == 0 ? null : (double)RepeatPurchasers / Purchasers;
}
