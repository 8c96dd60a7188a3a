using System.Text.Json;
using FastData.Samples.Retail;
using Xunit;

namespace FastData.Samples.Retail.Tests;

/// <summary>Replays the stream into dictionaries, as a consumer would, and checks the database it describes.</summary>
public sealed class RetailEventGeneratorIntegrityTests
{
    [Theory]
    [InlineData(3, 30, 45, 10, 15)]
    [InlineData(4, 10, 20, 50, 20)]
    public void Generate_ReplayedIntoTables_KeepsReferentialIntegrity(int seed, double insert, double update, double delete, double move)
    {
        var options = new RetailGeneratorOptions
        {
            Seed = seed,
            Customers = 100,
            Products = 40,
            ChangeEvents = 8_000,
            InsertWeight = insert,
            UpdateWeight = update,
            DeleteWeight = delete,
            ForeignKeyMoveWeight = move,
            PrimaryKeyChangeRate = 0.05,
        };
        var tables = RetailTopics.All.ToDictionary(t => t.Table, _ => new Dictionary<string, JsonElement>());

        var index = 0;
        foreach (var record in new RetailEventGenerator(options).Generate())
        {
            index++;
            if (!GeneratedStream.IsOriginal(record) || record.IsTombstone)
            {
                continue;
            }

            var where = $"record {index} ({record.Operation} {record.Table} {GeneratedStream.KeyText(record)})";
            var rows = tables[record.Table];
            var key = GeneratedStream.KeyText(record);
            var value = GeneratedStream.Value(record);
            if (record.Operation is CdcOperation.Update or CdcOperation.Delete)
            {
                Assert.True(rows.TryGetValue(key, out var current), $"{where}: the row does not exist");
                Assert.Equal(current.GetRawText(), value.GetProperty("before").GetRawText());
            }
            else
            {
                Assert.False(rows.ContainsKey(key), $"{where}: the row already exists");
            }

            if (record.Operation == CdcOperation.Delete)
            {
                rows.Remove(key);
                if (record.Table == "products")
                {
                    Assert.DoesNotContain(tables["order_items"].Values, i => i.GetProperty("PRODUCT_ID").GetRawText() == key);
                }

                continue;
            }

            var after = value.GetProperty("after").Clone();
            AssertReferences(tables, record.Table, after, where);
            rows[key] = after;
        }

        // Cascades are complete: nothing left points at a deleted row.
        foreach (var (table, rows) in tables)
        {
            foreach (var row in rows.Values)
            {
                AssertReferences(tables, table, row, $"final {table} row {row.GetRawText()}");
            }
        }

        Assert.NotEmpty(tables["orders"]);
        Assert.NotEmpty(tables["order_items"]);
    }

    [Fact]
    public void Generate_OrderTotals_EqualTheSumOfTheirLines()
    {
        var tables = new Dictionary<string, JsonElement>();
        var items = new Dictionary<string, JsonElement>();
        foreach (var record in GeneratedStream.Generate(GeneratedStream.SmallOptions()))
        {
            if (record.IsTombstone || !GeneratedStream.IsOriginal(record) || record.Table is not ("orders" or "order_items"))
            {
                continue;
            }

            var target = record.Table == "orders" ? tables : items;
            if (record.Operation == CdcOperation.Delete)
            {
                target.Remove(GeneratedStream.KeyText(record));
            }
            else
            {
                target[GeneratedStream.KeyText(record)] = GeneratedStream.Value(record).GetProperty("after").Clone();
            }
        }

        foreach (var order in tables.Values)
        {
            var id = order.GetProperty("ORDER_ID").GetInt32();
            var sum = items.Values
                .Where(i => i.GetProperty("ORDER_ID").GetInt32() == id)
                .Sum(i => i.GetProperty("QUANTITY").GetInt32() * decimal.Parse(i.GetProperty("UNIT_PRICE").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(sum.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), order.GetProperty("TOTAL_AMOUNT").GetString());
        }
    }

    private static void AssertReferences(Dictionary<string, Dictionary<string, JsonElement>> tables, string table, JsonElement row, string where)
    {
        switch (table)
        {
            case "addresses":
            case "orders":
                Assert.True(tables["customers"].ContainsKey(row.GetProperty("CUSTOMER_ID").GetRawText()), $"{where}: customer missing");
                break;
            case "order_items":
                Assert.True(tables["orders"].ContainsKey(row.GetProperty("ORDER_ID").GetRawText()), $"{where}: order missing");
                Assert.True(tables["products"].ContainsKey(row.GetProperty("PRODUCT_ID").GetRawText()), $"{where}: product missing");
                break;
        }
    }
}
