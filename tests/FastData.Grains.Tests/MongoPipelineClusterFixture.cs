using FastData.Grains.Pipeline;
using FastData.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using MongoDB.Driver;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace FastData.Grains.Tests;

/// <summary>
/// A one-silo in-process cluster running the pipeline on samples/retail with its records in MongoDB
/// (<c>MONGO_URI</c>, a database of its own, dropped at the end) and in-memory sinks for dead letters and changes.
/// Without a server the cluster is not started and each test skips (or fails under FASTDATA_REQUIRE_INFRA=1).
/// </summary>
public sealed class MongoPipelineClusterFixture : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;
    private IMongoClient? _client;

    public string DatabaseName { get; } = MongoTestServer.NewDatabaseName("pipeline");

    /// <summary>The cluster; skips or fails the calling test when there is no MongoDB server.</summary>
    public InProcessTestCluster Cluster
    {
        get
        {
            MongoTestServer.RequireUri();
            return _cluster ?? throw new InvalidOperationException("The cluster did not start.");
        }
    }

    public IGrainFactory Grains => Cluster.Client;

    public MongoRecordStore Store => (MongoRecordStore)Cluster.GetSiloServiceProvider().GetRequiredService<IRecordStore>();

    public InMemoryPipelineSinks Sinks => Cluster.GetSiloServiceProvider().GetRequiredService<InMemoryPipelineSinks>();

    /// <summary>The fixture's database through the plain driver, as other tools see it.</summary>
    public IMongoDatabase Database => _client!.GetDatabase(DatabaseName);

    public async ValueTask InitializeAsync()
    {
        if (MongoTestServer.Uri is not { } uri)
        {
            return;
        }

        _client = MongoTestServer.Client(uri);
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo
            .AddMongoDBRecordStore(RetailModel.Instance, o =>
            {
                o.ConnectionString = uri;
                o.DatabaseName = DatabaseName;
            })
            .AddFastDataPipeline(RetailModel.Instance)
            .AddInMemoryPipelineSinks());
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_client is not null)
        {
            await _client.DropDatabaseAsync(DatabaseName, CancellationToken.None);
            _client.Dispose();
        }
    }
}

[CollectionDefinition(nameof(MongoPipelineClusterCollection))]
public sealed class MongoPipelineClusterCollection : ICollectionFixture<MongoPipelineClusterFixture>;
