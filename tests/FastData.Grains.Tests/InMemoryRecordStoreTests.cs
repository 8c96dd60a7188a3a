using System.Text.Json.Nodes;
using FastData.Grains.Storage;
using FastData.Model.Aggregation;

namespace FastData.Grains.Tests;

public sealed class InMemoryRecordStoreTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Write_ExpectedVersionMatches_IncrementsVersion()
    {
        var store = new InMemoryRecordStore();

        var v1 = await store.WriteAsync("orders", "1", Order(1, 7), 0, Ct);
        var v2 = await store.WriteAsync("orders", "1", Order(1, 8), v1, Ct);

        Assert.Equal(1, v1);
        Assert.Equal(2, v2);
        Assert.Equal(8, (await store.ReadAsync("orders", "1", Ct))!.Document["CUSTOMER_ID"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task Write_StaleVersion_ThrowsConflictAndKeepsDocument(long staleVersion)
    {
        var store = new InMemoryRecordStore();
        await store.WriteAsync("orders", "1", Order(1, 7), 0, Ct);

        await Assert.ThrowsAsync<RecordVersionConflictException>(async () => await store.WriteAsync("orders", "1", Order(1, 9), staleVersion, Ct));

        Assert.Equal(7, (await store.ReadAsync("orders", "1", Ct))!.Document["CUSTOMER_ID"]!.GetValue<int>());
    }

    [Fact]
    public async Task Find_ConcurrentWritersMovingKeysBetweenValues_IndexAgreesWithAScan()
    {
        // Writers of different documents update shared index entries without a lock; none of their moves may be lost.
        var store = new InMemoryRecordStore();
        await store.EnsureIndexAsync("orders", "CUSTOMER_ID", Ct);
        const int orders = 400;
        const int customers = 5;
        await Parallel.ForAsync(0, orders, Ct, async (order, ct) =>
        {
            var key = order.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var version = 0L;
            for (var step = 0; step < 6; step++)
            {
                version = await store.WriteAsync("orders", key, Order(order, (order + step) % customers), version, ct);
            }

            if (order % 7 == 0)
            {
                await store.DeleteAsync("orders", key, version, ct);
            }
        });

        for (var customer = 0; customer < customers; customer++)
        {
            var found = (await store.FindAsync("orders", RecordFilter.Eq("CUSTOMER_ID", customer), Ct)).Select(o => o["ORDER_ID"]!.GetValue<int>()).Order();
            var expected = Enumerable.Range(0, orders).Where(o => o % 7 != 0 && (o + 5) % customers == customer);
            Assert.Equal(expected, found);
        }
    }

    [Fact]
    public async Task Find_IndexedField_FollowsUpdatesAndDeletes()
    {
        var store = new InMemoryRecordStore();
        await store.EnsureIndexAsync("orders", "CUSTOMER_ID", Ct);
        var v = await store.WriteAsync("orders", "1", Order(1, 7), 0, Ct);
        await store.WriteAsync("orders", "2", Order(2, 7), 0, Ct);
        await store.WriteAsync("orders", "1", Order(1, 8), v, Ct);
        await store.DeleteAsync("orders", "2", 1, Ct);

        var of7 = await store.FindAsync("orders", RecordFilter.Eq("CUSTOMER_ID", 7), Ct);
        var of8 = await store.FindAsync("orders", RecordFilter.Eq("CUSTOMER_ID", 8), Ct);

        Assert.Empty(of7);
        Assert.Equal(1, Assert.Single(of8)["ORDER_ID"]!.GetValue<int>());
    }

    [Fact]
    public async Task Find_UpdateKeepingTheIndexedValue_ReturnsTheNewVersion()
    {
        // Index entries hold the document version they were filed with: an update under the same value must replace it.
        var store = new InMemoryRecordStore();
        await store.EnsureIndexAsync("orders", "CUSTOMER_ID", Ct);
        var v = await store.WriteAsync("orders", "1", Order(1, 7), 0, Ct);
        var updated = Order(1, 7);
        updated["STATUS"] = "PAID";
        await store.WriteAsync("orders", "1", updated, v, Ct);

        var found = await store.FindAsync("orders", RecordFilter.Eq("CUSTOMER_ID", 7), Ct);
        var twice = await store.FindAsync("orders", RecordFilter.Any(RecordFilter.Eq("CUSTOMER_ID", 7), RecordFilter.Eq("CUSTOMER_ID", 7)), Ct);

        Assert.Equal("PAID", Assert.Single(found)["STATUS"]!.GetValue<string>());
        Assert.Same(found[0], Assert.Single(twice));
    }

    [Fact]
    public async Task Find_NumbersOfDifferentRepresentation_MatchByValue()
    {
        var store = new InMemoryRecordStore();
        await store.EnsureIndexAsync("orders", "CUSTOMER_ID", Ct);
        await store.WriteAsync("orders", "1", JsonNode.Parse("""{"ORDER_ID":1,"CUSTOMER_ID":7.0}""")!.AsObject(), 0, Ct);
        await store.WriteAsync("orders", "2", Order(2, 7), 0, Ct);

        var found = await store.FindAsync("orders", RecordFilter.Eq("CUSTOMER_ID", 7L), Ct);

        Assert.Equal(2, found.Count);
    }

    [Fact]
    public async Task Find_IndexCreatedAfterWrites_IndexesExistingDocuments()
    {
        var store = new InMemoryRecordStore();
        await store.WriteAsync("orders", "1", Order(1, 7), 0, Ct);

        await store.EnsureIndexAsync("orders", "CUSTOMER_ID", Ct);

        Assert.Single(await store.FindAsync("orders", RecordFilter.Eq("CUSTOMER_ID", 7), Ct));
    }

    [Fact]
    public async Task Find_OrAndUnindexedConditions_GiveTheSameAnswerAsAScan()
    {
        var indexed = new InMemoryRecordStore();
        var scanned = new InMemoryRecordStore();
        await indexed.EnsureIndexAsync("orders", "CUSTOMER_ID", Ct);
        for (var i = 1; i <= 30; i++)
        {
            var order = Order(i, i % 5);
            order["STATUS"] = i % 2 == 0 ? "PAID" : "NEW";
            await indexed.WriteAsync("orders", $"{i}", order, 0, Ct);
            await scanned.WriteAsync("orders", $"{i}", (JsonObject)order.DeepClone(), 0, Ct);
        }

        var filter = RecordFilter.Any(
            RecordFilter.All(RecordFilter.Eq("CUSTOMER_ID", 1), RecordFilter.Eq("STATUS", "PAID")),
            RecordFilter.Eq("CUSTOMER_ID", 3),
            RecordFilter.Eq("STATUS", "NONE"));

        var fromIndex = (await indexed.FindAsync("orders", filter, Ct)).Select(o => o["ORDER_ID"]!.GetValue<int>()).Order();
        var fromScan = (await scanned.FindAsync("orders", filter, Ct)).Select(o => o["ORDER_ID"]!.GetValue<int>()).Order();

        Assert.Equal(fromScan, fromIndex);
        Assert.NotEmpty(fromScan);
    }

    [Fact]
    public async Task Keys_ListsEveryDocument()
    {
        var store = new InMemoryRecordStore();
        await store.WriteAsync("orders", "1", Order(1, 7), 0, Ct);
        await store.WriteAsync("orders", "2", Order(2, 7), 0, Ct);

        var keys = new List<string>();
        await foreach (var key in store.KeysAsync("orders", Ct))
        {
            keys.Add(key);
        }

        Assert.Equal(["1", "2"], keys.Order());
    }

    private static JsonObject Order(int id, int customer) => new() { ["ORDER_ID"] = id, ["CUSTOMER_ID"] = customer, [RecordStates.Field] = RecordStates.Public };
}
