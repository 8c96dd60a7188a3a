using System.Text.Json.Nodes;
using FastData.Model.Aggregation;
using FastData.Model.Strategies;
using FastData.Model.Tests.Support;

namespace FastData.Model.Tests;

/// <summary>
/// The property the pipeline relies on: after any single projection change, every single view whose aggregation
/// changed is among the keys the strategy names for that change (computed on the state after the change, as the
/// projection grain does after persisting).
/// </summary>
public sealed class StrategyCompletenessTests
{
    private const int Customers = 6;
    private const int Products = 5;
    private const int Orders = 10;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task AffectedAsync_RandomChanges_CoverEveryChangedSingleView(int seed)
    {
        var token = TestContext.Current.CancellationToken;
        var model = RetailData.Model;
        var random = new Random(seed);
        var store = new InMemoryResolver(model);
        for (var c = 1; c <= Customers; c++)
        {
            store.Put("customers", RetailData.Customer(c));
            if (random.Next(2) == 0)
            {
                store.Put("addresses", RetailData.Address(100 + c, c));
            }
        }

        for (var p = 1; p <= Products; p++)
        {
            store.Put("products", RetailData.Product(p, $"P{p}"));
        }

        for (var o = 1; o <= Orders; o++)
        {
            store.Put("orders", RetailData.Order(o, random.Next(1, Customers + 1)));
            for (var line = 1; line <= random.Next(0, 3); line++)
            {
                store.Put("order_items", RetailData.Item(o, line, random.Next(1, Products + 1)));
            }
        }

        for (var step = 0; step < 150; step++)
        {
            var before = await SnapshotAsync(model, store, token);
            var (projection, old, updated) = RandomChange(random, store);
            var after = await SnapshotAsync(model, store, token);

            var affected = await model.Strategies.AffectedAsync(projection, old, updated, store, token);

            foreach (var (key, document) in after)
            {
                before.TryGetValue(key, out var previous);
                if (!JsonNode.DeepEquals(previous, document))
                {
                    Assert.True(affected.Contains(key),
                        $"step {step}: {projection} {old?.ToJsonString()} -> {updated?.ToJsonString()} changed {key} but the strategy named [{string.Join(", ", affected)}]");
                }
            }
        }
    }

    private static (string Projection, JsonObject? Before, JsonObject? After) RandomChange(Random random, InMemoryResolver store)
    {
        string[] projections = ["customers", "addresses", "orders", "order_items", "products"];
        var projection = projections[random.Next(projections.Length)];
        JsonObject candidate = projection switch
        {
            "customers" => RetailData.Customer(random.Next(1, Customers + 2), first: $"N{random.Next(3)}"),
            "addresses" => RetailData.Address(100 + random.Next(1, Customers + 2), random.Next(1, Customers + 2), city: $"C{random.Next(3)}"),
            "orders" => RetailData.Order(random.Next(1, Orders + 2), random.Next(1, Customers + 2), status: $"S{random.Next(3)}"),
            "order_items" => RetailData.Item(random.Next(1, Orders + 2), random.Next(1, 4), random.Next(1, Products + 2), quantity: random.Next(1, 4)),
            _ => RetailData.Product(random.Next(1, Products + 2), $"P{random.Next(3)}"),
        };
        if (random.Next(2) == 0)
        {
            // Any other declared field, whether some single views read it or none does (NOTES): the strategy may leave
            // out only the single views a change of it cannot alter. Values come from a small domain so that changes
            // also keep values.
            var definition = RetailData.Model.Projections[projection];
            var fields = definition.FieldsInOrder.Where(f => !definition.PrimaryKey.Contains(f.Name)).ToArray();
            var field = fields[random.Next(fields.Length)].Name;
            candidate[field] = random.Next(3) switch
            {
                0 => $"v{random.Next(2)}",
                1 => random.Next(2),
                _ => null,
            };
        }

        if (random.Next(5) == 0)
        {
            candidate[RecordStates.Field] = RecordStates.Deleted;
        }

        var key = Keys.RecordKey.FromRecord(candidate, RetailData.Model.Projections[projection].PrimaryKey);
        var before = store.Get(projection, key)?.DeepClone().AsObject();
        store.Put(projection, candidate);
        return (projection, before, candidate.DeepClone().AsObject());
    }

    private static async Task<Dictionary<SingleViewKey, JsonObject?>> SnapshotAsync(Configuration.FastDataModel model, InMemoryResolver store, CancellationToken token)
    {
        var result = new Dictionary<SingleViewKey, JsonObject?>();
        for (var c = 1; c <= Customers + 1; c++)
        {
            result[new SingleViewKey("customer-360", $"{c}")] =
                await AggregationEngine.AggregateAsync(model.SingleViews["customer-360"], $"{c}", store, token);
        }

        for (var p = 1; p <= Products + 1; p++)
        {
            result[new SingleViewKey("product-sales", $"{p}")] =
                await AggregationEngine.AggregateAsync(model.SingleViews["product-sales"], $"{p}", store, token);
        }

        return result;
    }
}
