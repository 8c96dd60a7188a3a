using System.Text.Json;
using FastData.Samples.Retail;
using Xunit;

namespace FastData.Samples.Retail.Tests;

public sealed class RetailEventGeneratorMixTests
{
    private static readonly Dictionary<string, string> ForeignKeys = new()
    {
        ["orders"] = "CUSTOMER_ID",
        ["addresses"] = "CUSTOMER_ID",
        ["order_items"] = "PRODUCT_ID",
    };

    [Theory]
    [InlineData(30, 45, 10, 15)]
    [InlineData(25, 25, 25, 25)]
    [InlineData(10, 20, 10, 60)]
    [InlineData(70, 0, 0, 30)]
    public void Generate_LargeRun_FollowsTheConfiguredMix(double insert, double update, double delete, double move)
    {
        var options = new RetailGeneratorOptions
        {
            Seed = 7,
            Customers = 300,
            Products = 100,
            ChangeEvents = 20_000,
            InsertWeight = insert,
            UpdateWeight = update,
            DeleteWeight = delete,
            ForeignKeyMoveWeight = move,
        };

        var counts = new Dictionary<string, int> { ["insert"] = 0, ["update"] = 0, ["delete"] = 0, ["move"] = 0 };
        foreach (var record in new RetailEventGenerator(options).Generate())
        {
            if (record.Origin == CdcRecordOrigin.Change)
            {
                counts[Classify(record)]++;
            }
        }

        var total = counts.Values.Sum();
        Assert.Equal(20_000, total);
        var weights = insert + update + delete + move;
        AssertShare("insert", insert / weights, counts["insert"], total);
        AssertShare("update", update / weights, counts["update"], total);
        AssertShare("delete", delete / weights, counts["delete"], total);
        AssertShare("move", move / weights, counts["move"], total);
    }

    [Fact]
    public void Generate_ForeignKeyMoves_CoverOrdersAddressesAndItemsWithDifferingKeys()
    {
        var options = GeneratedStream.SmallOptions(o => o.ForeignKeyMoveWeight = 40);

        var moves = GeneratedStream.Generate(options)
            .Where(r => r.Origin == CdcRecordOrigin.Change && Classify(r) == "move")
            .ToList();

        foreach (var table in ForeignKeys.Keys)
        {
            var tableMoves = moves.Where(r => r.Table == table).ToList();
            Assert.True(tableMoves.Count > 10, $"expected foreign-key moves on {table}, saw {tableMoves.Count}");
            foreach (var move in tableMoves)
            {
                var value = GeneratedStream.Value(move);
                var fk = ForeignKeys[table];
                Assert.NotEqual(value.GetProperty("before").GetProperty(fk).GetInt32(), value.GetProperty("after").GetProperty(fk).GetInt32());
            }
        }
    }

    private static string Classify(CdcRecord record)
    {
        switch (record.Operation)
        {
            case CdcOperation.Create:
                return "insert";
            case CdcOperation.Delete:
                return "delete";
            case CdcOperation.Update:
                if (!ForeignKeys.TryGetValue(record.Table, out var fk))
                {
                    return "update";
                }

                var value = GeneratedStream.Value(record);
                return value.GetProperty("before").GetProperty(fk).GetInt32() == value.GetProperty("after").GetProperty(fk).GetInt32()
                    ? "update"
                    : "move";
            default:
                throw new InvalidOperationException($"A change record has operation {record.Operation}.");
        }
    }

    private static void AssertShare(string kind, double expected, int count, int total)
    {
        var actual = (double)count / total;
        Assert.True(
            Math.Abs(actual - expected) <= 0.02,
            $"{kind}: expected a share of {expected:P1}, got {actual:P1} ({count} of {total})");
    }
}
