using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using FastData.Orleans.Persistence.MongoDB;
using Orleans.TestingHost;

namespace FastData.Orleans.Persistence.MongoDB.Tests.Cluster;

/// <summary>Silo configuration for the TestCluster: MongoDB membership and MongoDB default grain storage.</summary>
public sealed class MongoSiloConfigurator : ISiloConfigurator
{
    public const string DatabaseKey = "MongoTest:Database";

    public void Configure(ISiloBuilder siloBuilder)
    {
        var connectionString = Environment.GetEnvironmentVariable("MONGO_URI") ?? throw new InvalidOperationException("MONGO_URI is not set.");
        var database = siloBuilder.Configuration[DatabaseKey] ?? throw new InvalidOperationException($"{DatabaseKey} is not set.");
        siloBuilder
            .UseMongoDBClustering(o =>
            {
                o.ConnectionString = connectionString;
                o.DatabaseName = database;
            })
            .ConfigureServices(services => services.AddSingleton<IMongoIndexSource, CounterIndexSource>())
            .AddMongoDBGrainStorageAsDefault(o =>
            {
                o.ConnectionString = connectionString;
                o.DatabaseName = database;
                o.Indexes.Add(MongoIndexDefinition.On("counter", "Count"));
            });
    }
}

/// <summary>Client configuration for the TestCluster: gateways from the MongoDB membership table.</summary>
public sealed class MongoClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
    {
        var connectionString = Environment.GetEnvironmentVariable("MONGO_URI") ?? throw new InvalidOperationException("MONGO_URI is not set.");
        var database = configuration[MongoSiloConfigurator.DatabaseKey] ?? throw new InvalidOperationException($"{MongoSiloConfigurator.DatabaseKey} is not set.");
        clientBuilder.UseMongoDBClustering(o =>
        {
            o.ConnectionString = connectionString;
            o.DatabaseName = database;
        });
    }
}

/// <summary>Indexes contributed from outside the provider, as the grains layer derives them from the model.</summary>
public sealed class CounterIndexSource : IMongoIndexSource
{
    public IEnumerable<MongoIndexDefinition> GetIndexes(string storageName)
        => storageName == global::Orleans.Providers.ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME ? [MongoIndexDefinition.On("counter", "Name")] : [];
}
