using FastData.Grains.Storage;
using FastData.Orleans.Persistence.MongoDB;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Driver;

namespace FastData.Grains.Tests;

/// <summary>The record-store contract on <see cref="MongoRecordStore"/> against <c>MONGO_URI</c>, typed by samples/retail;
/// each test in its own database, dropped afterwards.</summary>
public sealed class RecordStoreContractMongoTests : RecordStoreContract, IAsyncDisposable
{
    private readonly List<(IMongoClient Client, string Database, MongoVersionedDocumentStore Store)> _created = [];

    protected override Task<IRecordStore> CreateStoreAsync()
    {
        var uri = MongoTestServer.RequireUri();
        var client = MongoTestServer.Client(uri);
        var name = MongoTestServer.NewDatabaseName("contract");
        var options = new MongoDBGrainStorageOptions { ConnectionString = uri, DatabaseName = name };
        var documents = new MongoVersionedDocumentStore(client.GetDatabase(name), options, NullLoggerFactory.Instance);
        _created.Add((client, name, documents));
        return Task.FromResult<IRecordStore>(new MongoRecordStore(documents, MongoRecordSchema.FromModel(RetailModel.Instance)));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (client, database, store) in _created)
        {
            await store.DisposeAsync();
            await client.DropDatabaseAsync(database, CancellationToken.None);
            client.Dispose();
        }
    }
}
