using FastData.Grains.Pipeline;
using FastData.Grains.Storage;
using FastData.Model.Aggregation;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace FastData.Grains.Tests;

/// <summary>
/// A one-silo in-process cluster running the pipeline with the trigger pause and full refresh on samples/retail,
/// in memory, with a resolver that can hold one record's reads (<see cref="RefreshBlockingResolver"/>).
/// </summary>
public sealed class RefreshClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public IRecordStore Store => Cluster.GetSiloServiceProvider().GetRequiredService<IRecordStore>();

    public RefreshBlockingResolver Resolver => Cluster.GetSiloServiceProvider().GetRequiredService<RefreshBlockingResolver>();

    public InMemoryPipelineSinks Sinks => Cluster.GetSiloServiceProvider().GetRequiredService<InMemoryPipelineSinks>();

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<IRecordStore, InMemoryRecordStore>();
            silo.Services.AddSingleton(sp => new RefreshBlockingResolver(sp.GetRequiredService<IRecordStore>()));
            silo.Services.AddSingleton<IProjectionResolver>(sp => sp.GetRequiredService<RefreshBlockingResolver>());
            silo.AddFastDataPipeline(RetailModel.Instance).AddInMemoryPipelineSinks().AddFastDataRefresh(o => o.MaxConcurrency = 4);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(nameof(RefreshClusterCollection))]
public sealed class RefreshClusterCollection : ICollectionFixture<RefreshClusterFixture>;
