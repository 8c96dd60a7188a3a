using System.Text.Json.Nodes;
using FastData.Grains.Abstractions;
using FastData.Grains.Storage;
using FastData.Model.Aggregation;
using MongoDB.Bson;
using MongoDB.Driver;
using static FastData.Grains.Tests.RetailRecords;

namespace FastData.Grains.Tests;

/// <summary>The projection and single-view grains of samples/retail with their records in MongoDB: the same outcomes
/// as in memory, and the documents natural (typed fields, <c>_id</c> = key) for other tools.</summary>
[Collection(nameof(MongoPipelineClusterCollection))]
public sealed class MongoPipelineTests(MongoPipelineClusterFixture fixture)
{
    private static int _nextId = 5000;

    [Fact]
    public async Task Customer_Applied_StoredAsNaturalTypedDocumentAndSingleViewCreated()
    {
        var customerId = NextId();

        Assert.Equal(ApplyOutcome.Upserted, await ApplyAsync("customers", $"{customerId}", Customer(customerId, "Ada"), 1));

        var raw = await fixture.Database.GetCollection<BsonDocument>("customers").Find(new BsonDocument("_id", $"{customerId}")).SingleAsync(Ct);
        Assert.Equal(BsonType.Int64, raw["CUSTOMER_ID"].BsonType);
        Assert.Equal(BsonType.Boolean, raw["IS_ACTIVE"].BsonType);
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), raw["CREATED_AT"].ToUniversalTime());
        Assert.Equal(BsonType.DateTime, raw["createdAt"].BsonType);
        Assert.Equal(RecordStates.Public, raw[RecordStates.Field].AsString);
        Assert.Equal(1, raw["__source"]["offset"].ToInt64());

        var record = (await fixture.Store.ReadAsync("customers", $"{customerId}", Ct))!.Document;
        Assert.Equal("2026-01-01T00:00:00.000Z", record["CREATED_AT"]!.GetValue<string>());

        var view = await fixture.Database.GetCollection<BsonDocument>("customer-360").Find(new BsonDocument("_id", $"{customerId}")).SingleAsync(Ct);
        Assert.Equal("Ada", view["FIRST_NAME"].AsString);
        Assert.Equal(BsonType.DateTime, view["updatedAt"].BsonType);
        Assert.Equal(customerId, (await Document("customer-360", $"{customerId}"))["CUSTOMER_ID"]!.GetValue<long>());
    }

    [Fact]
    public async Task Order_MovesCustomer_BothSingleViewsRecomputedFromMongoDB()
    {
        int a = NextId(), b = NextId(), orderId = NextId();
        await ApplyAsync("customers", $"{a}", Customer(a, "Ann"), 1);
        await ApplyAsync("customers", $"{b}", Customer(b, "Bob"), 1);
        await ApplyAsync("orders", $"{orderId}", Order(orderId, a), 1);
        Assert.Single(Orders(await Document("customer-360", $"{a}")));

        await ApplyAsync("orders", $"{orderId}", Order(orderId, b), 2);

        Assert.Empty(Orders(await Document("customer-360", $"{a}")));
        var moved = Assert.Single(Orders(await Document("customer-360", $"{b}")))!;
        Assert.Equal(orderId, moved["ORDER_ID"]!.GetValue<long>());
        Assert.Equal("2026-01-01T00:00:00.000Z", moved["ORDER_DATE"]!.GetValue<string>());
        var stored = await fixture.Database.GetCollection<BsonDocument>("customer-360").Find(new BsonDocument("_id", $"{b}")).SingleAsync(Ct);
        Assert.Equal(BsonType.DateTime, stored["orders"][0]["ORDER_DATE"].BsonType);
    }

    [Fact]
    public async Task Product_Renamed_ReachesCustomer360ThroughItemsAndOrders()
    {
        int customerId = NextId(), orderId = NextId(), productId = NextId();
        await ApplyAsync("customers", $"{customerId}", Customer(customerId, "Cy"), 1);
        await ApplyAsync("products", $"{productId}", Product(productId, "Kettle"), 1);
        await ApplyAsync("orders", $"{orderId}", Order(orderId, customerId), 1);
        await ApplyAsync("order_items", $"{orderId}|1", Item(orderId, 1, productId), 1);

        await ApplyAsync("products", $"{productId}", Product(productId, "Teapot"), 2);

        var item = Orders(await Document("customer-360", $"{customerId}")).Single()!["items"]!.AsArray().Single()!;
        Assert.Equal("Teapot", item["PRODUCT_NAME"]!.GetValue<string>());
        var stored = await fixture.Database.GetCollection<BsonDocument>("customer-360").Find(new BsonDocument("_id", $"{customerId}")).SingleAsync(Ct);
        Assert.Equal("Teapot", stored["orders"][0]["items"][0]["PRODUCT_NAME"].AsString);
    }

    [Fact]
    public async Task Silo_Started_CreatedTheModelsLookupIndexes()
    {
        _ = fixture.Cluster;
        var indexes = await (await fixture.Database.GetCollection<BsonDocument>("orders").Indexes.ListAsync(Ct)).ToListAsync(Ct);

        Assert.Contains(indexes, i => i["name"].AsString == "fd_CUSTOMER_ID");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int NextId() => Interlocked.Increment(ref _nextId);

    private Task<ApplyOutcome> ApplyAsync(string projection, string key, JsonObject after, long offset) =>
        fixture.Grains.GetGrain<IProjectionGrain>(GrainKeys.Compose(projection, key)).ApplyAsync(Changes.Upsert(projection, key, after, offset));

    private async Task<JsonObject> Document(string name, string key) =>
        JsonNode.Parse((await fixture.Grains.GetGrain<ISingleViewGrain>(GrainKeys.Compose(name, key)).GetAsync()
            ?? throw new Xunit.Sdk.XunitException($"{name}/{key} does not exist")).Json)!.AsObject();

    private static JsonArray Orders(JsonObject customer360) => customer360["orders"]?.AsArray() ?? [];
}
