using System.Globalization;
using System.Text;
using NodaTime;

namespace RetentionMetrics.Benchmarks.Support;

/// <summary>One purchase of the synthetic log: a dense customer number, a day and an amount.</summary>
public readonly record struct SyntheticOrder(long CustomerId, LocalDate Date, decimal Amount);

/// <summary>
/// A deterministic synthetic purchase log anyone can re-create: <c>Create(transactions, customers, seed)</c> always
/// returns the same records. Records are in time order (as a real log is), customers drawn uniformly, amounts in
/// cents from 1.00 to 200.00, dates over two years from 2023-01-01.
/// </summary>
public static class SyntheticOrders
{
    public static readonly LocalDate FirstDay = new(2023, 1, 1);
    public const int Days = 730;

    public static SyntheticOrder[] Create(int transactions, int customers, int seed)
    {
        var random = new Random(seed);
        var orders = new SyntheticOrder[transactions];
        for (var i = 0; i < transactions; i++)
        {
            var day = (int)((long)i * Days / transactions);
            orders[i] = new SyntheticOrder(random.Next(customers), FirstDay.PlusDays(day), random.Next(100, 20_001) / 100m);
        }

        return orders;
    }

    /// <summary>Writes the log as <c>customer_id,date,amount</c> CSV with ISO dates.</summary>
    public static void WriteCsv(SyntheticOrder[] orders, string path)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.NewLine = "\n";
        writer.WriteLine("customer_id,date,amount");
        foreach (var order in orders)
        {
            writer.Write(order.CustomerId.ToString(CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(order.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.WriteLine(order.Amount.ToString(CultureInfo.InvariantCulture));
        }
    }
}
