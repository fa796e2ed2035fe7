namespace RetentionMetrics.Rfm;

/// <summary>One row of the segment grid: how many customers a named segment holds, their revenue and average RFM values.</summary>
/// <remarks>
/// The averages are the inputs of the simple lifetime-value formulas (recency, purchase frequency, spend). Equal when
/// every field is equal.
/// </remarks>
/// <param name="Segment">The segment name.</param>
/// <param name="Customers">The number of customers in the segment.</param>
/// <param name="Revenue">The segment's total spend.</param>
/// <param name="AverageRecency">The mean days since the last purchase.</param>
/// <param name="AverageFrequency">The mean frequency.</param>
/// <param name="AverageMonetary">The mean monetary value.</param>
/// <param name="CustomerShare">The segment's share of all customers, from 0 to 1.</param>
/// <param name="RevenueShare">The segment's share of all revenue; 0 when the total revenue is not positive.</param>
public sealed record RfmSegmentSummary(
    string Segment, int Customers, decimal Revenue, double AverageRecency, double AverageFrequency, double AverageMonetary,
    double CustomerShare, double RevenueShare);
