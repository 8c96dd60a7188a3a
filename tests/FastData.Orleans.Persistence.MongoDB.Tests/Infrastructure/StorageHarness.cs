using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Bson;
using MongoDB.Driver;
using Orleans;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;

namespace FastData.Orleans.Persistence.MongoDB.Tests;

/// <summary>A grain storage instance on a database of its own, with a plain driver client to inspect raw documents.</summary>
internal sealed class StorageHarness : IAsyncDisposable
{
    private static readonly Lazy<IActivatorProvider> Activators = new(() =>
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<IActivatorProvider>());

    private StorageHarness(string connectionString, string databaseName, MongoDBGrainStorage storage, CommandCounter commands)
    {
        ConnectionString = connectionString;
        DatabaseName = databaseName;
        Storage = storage;
        Commands = commands;
        Database = new MongoClient(connectionString).GetDatabase(databaseName);
    }

    public string ConnectionString { get; }

    public string DatabaseName { get; }

    public MongoDBGrainStorage Storage { get; }

    public CommandCounter Commands { get; }

    public IMongoDatabase Database { get; }

    public static StorageHarness Create(Action<MongoDBGrainStorageOptions>? configure = null)
    {
        var connectionString = MongoTestEnvironment.RequireConnectionString();
        var databaseName = MongoTestEnvironment.NewDatabaseName();
        var commands = new CommandCounter();
        var options = new MongoDBGrainStorageOptions
        {
            ConnectionString = connectionString,
            DatabaseName = databaseName,
            ConfigureClientSettings = commands.Attach,
        };
        configure?.Invoke(options);
        var storage = new MongoDBGrainStorage("test", options, Activators.Value, NullLoggerFactory.Instance);
        return new StorageHarness(connectionString, databaseName, storage, commands);
    }

    public IMongoCollection<BsonDocument> Collection(string name) => Database.GetCollection<BsonDocument>(name);

    public static GrainState<T> NewState<T>(T state) => new(state);

    public async ValueTask DisposeAsync()
    {
        await Storage.DisposeAsync();
        await MongoTestEnvironment.DropDatabaseAsync(ConnectionString, DatabaseName);
    }
}
