using System.Text.Json.Nodes;
using FastData.Grains.Pipeline;
using FastData.Grains.Storage;
using FastData.Orleans.Persistence.MongoDB;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Bson;
using MongoDB.Driver;

namespace FastData.Grains.Tests;

/// <summary>What only MongoDB shows: the raw documents, indexes and the errors collection (each test its own database).</summary>
public sealed class MongoRecordStoreTests : IAsyncDisposable
{
    private IMongoClient? _client;
    private string? _database;
    private MongoVersionedDocumentStore? _documents;

    [Fact]
    public async Task Write_TypedRecord_IsANaturalDocumentKeyedByRecordKey()
    {
        var (store, database) = Open();
        var record = new JsonObject
        {
            ["ORDER_ID"] = 42L, ["CUSTOMER_ID"] = 7L, ["ORDER_DATE"] = "2026-01-01T10:00:00.250Z", ["TOTAL_AMOUNT"] = 12.5,
            ["STATUS"] = "NEW", ["__STATE__"] = "PUBLIC", ["createdAt"] = "2026-11-25T01:00:00.0000000+00:00",
        };

        var version = await store.WriteAsync("orders", "42", record, 0, Ct);

        var raw = await database.GetCollection<BsonDocument>("orders").Find(new BsonDocument("_id", "42")).SingleAsync(Ct);
        Assert.Equal(new BsonInt64(42), raw["ORDER_ID"]);
        Assert.Equal(BsonType.Int64, raw["CUSTOMER_ID"].BsonType);
        Assert.Equal(new BsonDateTime(new DateTime(2026, 1, 1, 10, 0, 0, 250, DateTimeKind.Utc)), raw["ORDER_DATE"]);
        Assert.Equal(new BsonDouble(12.5), raw["TOTAL_AMOUNT"]);
        Assert.Equal(BsonType.DateTime, raw["createdAt"].BsonType);
        Assert.Equal(version, raw[MongoDBGrainStorageOptions.DefaultVersionFieldName].AsInt64);
    }

    [Fact]
    public async Task Write_ValueNotOfDeclaredType_FailsAndStoresNothing()
    {
        var (store, database) = Open();

        await Assert.ThrowsAsync<MongoDocumentMappingException>(async () =>
            await store.WriteAsync("orders", "1", new JsonObject { ["ORDER_ID"] = 1L, ["ORDER_DATE"] = "yesterday" }, 0, Ct));

        Assert.Equal(0, await database.GetCollection<BsonDocument>("orders").CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty, cancellationToken: Ct));
    }

    [Fact]
    public async Task EnsureIndex_AfterBootstrap_IsTheSameIndex()
    {
        var (store, database) = Open();
        await new MongoRecordIndexBootstrap(store, new MongoRecordIndexSource(RetailModel.Instance), NullLogger<MongoRecordIndexBootstrap>.Instance).EnsureIndexesAsync(Ct);

        await store.EnsureIndexAsync("orders", "CUSTOMER_ID", Ct);
        await store.EnsureIndexAsync("orders", "CUSTOMER_ID", Ct);

        var names = (await (await database.GetCollection<BsonDocument>("orders").Indexes.ListAsync(Ct)).ToListAsync(Ct)).Select(i => i["name"].AsString).ToList();
        Assert.Equal(["_id_", "fd_CUSTOMER_ID"], names.Order(StringComparer.Ordinal));
        var items = (await (await database.GetCollection<BsonDocument>("order_items").Indexes.ListAsync(Ct)).ToListAsync(Ct)).Select(i => i["name"].AsString);
        Assert.Contains("fd_PRODUCT_ID", items);
    }

    [Fact]
    public async Task Read_BurstBeyondTheDriversWaitQueue_QueuesInsteadOfFailing()
    {
        // The default pool (100 connections) fails operations beyond 500 waiters: an activation burst is larger.
        var (store, _) = Open();
        await store.WriteAsync("orders", "1", new JsonObject { ["ORDER_ID"] = 1L, ["CUSTOMER_ID"] = 7L }, 0, Ct);

        var reads = await Task.WhenAll(Enumerable.Range(0, 1200).Select(i => i % 2 == 0
            ? store.ReadAsync("orders", "1", Ct).AsTask().ContinueWith(t => t.Result is not null, Ct, TaskContinuationOptions.None, TaskScheduler.Default)
            : store.FindAsync("orders", Model.Aggregation.RecordFilter.Eq("CUSTOMER_ID", 7), Ct).AsTask().ContinueWith(t => t.Result.Count == 1, Ct, TaskContinuationOptions.None, TaskScheduler.Default)));

        Assert.All(reads, Assert.True);
    }

    [Fact]
    public async Task ErrorSink_SameSingleViewTwice_KeepsOneDocumentWithLatestErrorAndCount()
    {
        var (_, database) = Open();
        var sink = new MongoAggregationErrorSink(database, NullLogger<MongoAggregationErrorSink>.Instance);
        var first = new DateTimeOffset(2026, 11, 25, 1, 0, 0, TimeSpan.Zero);

        await sink.RecordAsync(new AggregationError("customer-360", "7", "first failure", first), Ct);
        await sink.RecordAsync(new AggregationError("customer-360", "7", "second failure", first.AddMinutes(1)), Ct);
        await sink.RecordAsync(new AggregationError("customer-360", "8", "other", first), Ct);

        var errors = database.GetCollection<BsonDocument>(MongoAggregationErrorSink.DefaultCollectionName);
        var error = await errors.Find(new BsonDocument("_id", "customer-360/7")).SingleAsync(Ct);
        Assert.Equal("second failure", error["error"].AsString);
        Assert.Equal(2, error["count"].ToInt64());
        Assert.Equal(first.UtcDateTime, error["firstAt"].ToUniversalTime());
        Assert.Equal(first.AddMinutes(1).UtcDateTime, error["lastAt"].ToUniversalTime());
        Assert.Equal("customer-360", error["singleViewName"].AsString);
        Assert.Equal(2, await errors.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty, cancellationToken: Ct));
    }

    public async ValueTask DisposeAsync()
    {
        if (_documents is not null)
        {
            await _documents.DisposeAsync();
        }

        if (_client is not null)
        {
            await _client.DropDatabaseAsync(_database, CancellationToken.None);
            _client.Dispose();
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private (MongoRecordStore Store, IMongoDatabase Database) Open()
    {
        var uri = MongoTestServer.RequireUri();
        _client = MongoTestServer.Client(uri);
        _database = MongoTestServer.NewDatabaseName("store");
        var database = _client.GetDatabase(_database);
        _documents = new MongoVersionedDocumentStore(database, new MongoDBGrainStorageOptions { ConnectionString = uri, DatabaseName = _database }, NullLoggerFactory.Instance);
        return (new MongoRecordStore(_documents, MongoRecordSchema.FromModel(RetailModel.Instance)), database);
    }
}
