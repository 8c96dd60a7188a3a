using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Bson;

namespace FastData.Orleans.Persistence.MongoDB.Tests.Indexes;

public sealed class IndexManagerTests : IAsyncLifetime
{
    private readonly string _connectionString = MongoTestEnvironment.RequireConnectionString();
    private readonly string _databaseName = MongoTestEnvironment.NewDatabaseName("fdindex");
    private IMongoDatabase _database = null!;
    private MongoIndexManager _manager = null!;

    public ValueTask InitializeAsync()
    {
        _database = new MongoClient(_connectionString).GetDatabase(_databaseName);
        _manager = new MongoIndexManager(_database, NullLogger<MongoIndexManager>.Instance);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await MongoTestEnvironment.DropDatabaseAsync(_connectionString, _databaseName);

    private async Task<List<BsonDocument>> IndexesAsync(string collection)
        => await (await _database.GetCollection<BsonDocument>(collection).Indexes.ListAsync(TestContext.Current.CancellationToken)).ToListAsync(TestContext.Current.CancellationToken);

    [Fact]
    public async Task EnsureIndexes_RunTwice_CreatesEachIndexOnce()
    {
        MongoIndexDefinition[] definitions =
        [
            MongoIndexDefinition.UniqueOn("orders", "ORDER_CODE"),
            MongoIndexDefinition.On("orders", "CUST_ID"),
            new("orders", [new MongoIndexField("CUST_ID"), new MongoIndexField("createdAt", Descending: true)]),
            MongoIndexDefinition.On("orders", "CUST_ID"),
        ];

        await _manager.EnsureIndexesAsync(definitions, TestContext.Current.CancellationToken);
        await _manager.EnsureIndexesAsync(definitions, TestContext.Current.CancellationToken);

        var indexes = await IndexesAsync("orders");
        Assert.Equal(["_id_", "ix_CUST_ID_1", "ix_CUST_ID_1_createdAt_-1", "ux_ORDER_CODE_1"], indexes.Select(i => i["name"].AsString).Order(StringComparer.Ordinal).ToArray());
        var unique = indexes.Single(i => i["name"] == "ux_ORDER_CODE_1");
        Assert.True(unique["unique"].ToBoolean());
        Assert.Equal(new BsonDocument { { "CUST_ID", 1 }, { "createdAt", -1 } }, indexes.Single(i => i["name"] == "ix_CUST_ID_1_createdAt_-1")["key"].AsBsonDocument);
    }

    [Fact]
    public async Task EnsureIndexes_UniqueIndexEnforced_RejectsDuplicateValues()
    {
        await _manager.EnsureIndexesAsync([MongoIndexDefinition.UniqueOn("orders", "ORDER_CODE")], TestContext.Current.CancellationToken);
        var orders = _database.GetCollection<BsonDocument>("orders");
        await orders.InsertOneAsync(new BsonDocument { { "_id", "1" }, { "ORDER_CODE", "A" } }, cancellationToken: TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<MongoWriteException>(() => orders.InsertOneAsync(new BsonDocument { { "_id", "2" }, { "ORDER_CODE", "A" } }, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(ServerErrorCategory.DuplicateKey, ex.WriteError.Category);
    }

    [Fact]
    public async Task EnsureIndexes_InvalidAndContradictoryDefinitions_ReportsEveryProblem()
    {
        MongoIndexDefinition[] definitions =
        [
            new("orders", []),
            MongoIndexDefinition.On("orders", "$where"),
            MongoIndexDefinition.On("orders", "A"),
            new("orders", [new MongoIndexField("A")], unique: true) { Name = "ix_A_1" },
        ];

        var ex = await Assert.ThrowsAsync<AggregateException>(() => _manager.EnsureIndexesAsync(definitions, TestContext.Current.CancellationToken));

        Assert.Equal(3, ex.InnerExceptions.Count);
        Assert.All(ex.InnerExceptions, e => Assert.IsType<MongoIndexConflictException>(e));
    }

    [Fact]
    public async Task EnsureIndexes_ExistingIndexWithSameNameButOtherKeys_IsReportedAsConflict()
    {
        await _manager.EnsureIndexesAsync([new MongoIndexDefinition("orders", [new MongoIndexField("A")]) { Name = "by_a" }], TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<AggregateException>(() => _manager.EnsureIndexesAsync(
            [new MongoIndexDefinition("orders", [new MongoIndexField("B")]) { Name = "by_a" }], TestContext.Current.CancellationToken));

        var conflict = Assert.IsType<MongoIndexConflictException>(Assert.Single(ex.InnerExceptions));
        Assert.Equal("by_a", conflict.Definition.EffectiveName);
    }
}
