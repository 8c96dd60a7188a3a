using MongoDB.Bson;

namespace FastData.Orleans.Persistence.MongoDB.Tests.Queries;

public sealed class MongoReadModelStoreTests : IAsyncLifetime
{
    private readonly string _connectionString = MongoTestEnvironment.RequireConnectionString();
    private readonly string _databaseName = MongoTestEnvironment.NewDatabaseName("fdquery");
    private IMongoDatabase _database = null!;
    private MongoReadModelStore _store = null!;
    private CommandCounter _commands = null!;

    public async ValueTask InitializeAsync()
    {
        _commands = new CommandCounter();
        var settings = MongoClientSettings.FromConnectionString(_connectionString);
        _commands.Attach(settings);
        _database = new MongoClient(settings).GetDatabase(_databaseName);
        _store = new MongoReadModelStore(_database, new ReadModelQueryLimits { MaxLimit = 3 });
        var docs = Enumerable.Range(1, 6).Select(i => new BsonDocument
        {
            { "_id", $"c{i}" },
            { "name", $"customer {i}" },
            { "age", 20 + i },
            { "score", i * 1.5 },
            { "active", i % 2 == 0 },
            { "createdAt", new DateTime(2026, 1, i, 0, 0, 0, DateTimeKind.Utc) },
            { "address", new BsonDocument("city", i <= 3 ? "Rome" : "Milan") },
            { "__STATE__", i == 6 ? "DELETED" : "PUBLIC" },
        });
        await _database.GetCollection<BsonDocument>("customers").InsertManyAsync(docs, cancellationToken: TestContext.Current.CancellationToken);
        _commands.Reset();
    }

    public async ValueTask DisposeAsync() => await MongoTestEnvironment.DropDatabaseAsync(_connectionString, _databaseName);

    [Fact]
    public async Task GetByKey_ExistingAndMissing_ReturnsDocumentOrNull()
    {
        var found = await _store.GetByKeyAsync("customers", "c2", ReadModelQueryTranslatorTests.Schema, ["name"], TestContext.Current.CancellationToken);
        Assert.NotNull(found);
        Assert.Equal(["_id", "name"], found.Names.ToArray());
        Assert.Null(await _store.GetByKeyAsync("customers", "nope", ReadModelQueryTranslatorTests.Schema, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Find_FilterSortLimitSkipProjection_ReturnsExpectedPage()
    {
        var page = await _store.FindAsync("customers", ReadModelQueryTranslatorTests.Schema, new ReadModelQuery
        {
            Equal = new Dictionary<string, string> { ["__STATE__"] = "PUBLIC" },
            Filter = "{\"$or\": [{\"address.city\": \"Milan\"}, {\"age\": {\"$lte\": 22}}], \"createdAt\": {\"$gte\": \"2026-01-01T00:00:00Z\"}}",
            Sort = [new ReadModelSort("age", Descending: true)],
            Skip = 1,
            Limit = 50,
            Fields = ["age"],
        }, TestContext.Current.CancellationToken);

        // Matches c1, c2, c4, c5 (c6 is DELETED); descending by age, skip 1, capped to 3.
        Assert.Equal(3, page.Limit);
        Assert.Equal(["c4", "c2", "c1"], page.Items.Select(d => d["_id"].AsString).ToArray());
        Assert.All(page.Items, d => Assert.Equal(["_id", "age"], d.Names.ToArray()));
    }

    [Fact]
    public async Task Count_WithFilter_CountsMatchesIgnoringPaging()
    {
        var count = await _store.CountAsync("customers", ReadModelQueryTranslatorTests.Schema, new ReadModelQuery
        {
            Filter = "{\"active\": true, \"__STATE__\": {\"$ne\": \"DELETED\"}}",
            Limit = 1,
        }, TestContext.Current.CancellationToken);

        Assert.Equal(2, count);
    }

    [Fact]
    public async Task Find_RejectedQuery_SendsNothingToMongoDB()
    {
        await Assert.ThrowsAsync<ReadModelQueryException>(() => _store.FindAsync("customers", ReadModelQueryTranslatorTests.Schema,
            new ReadModelQuery { Filter = "{\"$where\": \"sleep(1000)\"}" }, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ReadModelQueryException>(() => _store.CountAsync("customers", ReadModelQueryTranslatorTests.Schema,
            new ReadModelQuery { Filter = "{\"secret\": 1}" }, TestContext.Current.CancellationToken));

        Assert.Equal(0, _commands.Count("find") + _commands.Count("aggregate") + _commands.Count("count"));
    }
}
