using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Bson;
using Orleans.Storage;

namespace FastData.Orleans.Persistence.MongoDB.Tests.Storage;

public sealed class VersionedDocumentStoreTests : IAsyncLifetime
{
    private readonly string _connectionString = MongoTestEnvironment.RequireConnectionString();
    private readonly string _databaseName = MongoTestEnvironment.NewDatabaseName("fdstore");
    private MongoVersionedDocumentStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _store = new MongoVersionedDocumentStore(new MongoDBGrainStorageOptions { ConnectionString = _connectionString, DatabaseName = _databaseName }, NullLoggerFactory.Instance);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        await MongoTestEnvironment.DropDatabaseAsync(_connectionString, _databaseName);
    }

    [Fact]
    public async Task WriteReadDelete_FollowVersionRules()
    {
        Assert.Null(await _store.ReadAsync("orders", "1", Ct));

        var v1 = await _store.WriteAsync("orders", "1", new BsonDocument { { "CUST_ID", 7 }, { "_id", "ignored" } }, expectedVersion: 0, Ct);
        var read = await _store.ReadAsync("orders", "1", Ct);
        Assert.NotNull(read);
        Assert.Equal(v1, read.Version);
        Assert.Equal(new BsonDocument("CUST_ID", 7), read.Document);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _store.WriteAsync("orders", "1", [], expectedVersion: 0, Ct));
        var v2 = await _store.WriteAsync("orders", "1", new BsonDocument("CUST_ID", 8), v1, Ct);
        Assert.True(v2 > v1);
        await Assert.ThrowsAsync<InconsistentStateException>(() => _store.DeleteAsync("orders", "1", v1, Ct));

        await _store.DeleteAsync("orders", "1", v2, Ct);
        Assert.Null(await _store.ReadAsync("orders", "1", Ct));
        await _store.DeleteAsync("orders", "1", 0, Ct);
        await Assert.ThrowsAsync<InconsistentStateException>(() => _store.DeleteAsync("orders", "1", v2, Ct));
    }

    [Fact]
    public async Task FindAndKeys_ReturnMatchingDocumentsAndAllKeys()
    {
        await Task.WhenAll(Enumerable.Range(1, 5).Select(i => _store.WriteAsync("orders", $"o{i}", new BsonDocument("CUST_ID", i % 2), 0, Ct)));

        var found = await _store.FindAsync("orders", new BsonDocument("CUST_ID", 1), Ct);
        var keys = new List<string>();
        await foreach (var key in _store.KeysAsync("orders", Ct))
        {
            keys.Add(key);
        }

        Assert.Equal(["o1", "o3", "o5"], found.Select(f => f.Key).Order(StringComparer.Ordinal).ToArray());
        Assert.All(found, f => Assert.True(f.Document.Version > 0));
        Assert.Equal(["o1", "o2", "o3", "o4", "o5"], keys.Order(StringComparer.Ordinal).ToArray());
    }
}
