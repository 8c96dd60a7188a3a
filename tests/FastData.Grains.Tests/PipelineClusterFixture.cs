using FastData.Grains.Pipeline;
using FastData.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace FastData.Grains.Tests;

/// <summary>A one-silo in-process cluster running the pipeline on samples/retail with in-memory storage and sinks.</summary>
public sealed class PipelineClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public InMemoryRecordStore Store => (InMemoryRecordStore)Cluster.GetSiloServiceProvider().GetRequiredService<IRecordStore>();

    public InMemoryPipelineSinks Sinks => Cluster.GetSiloServiceProvider().GetRequiredService<InMemoryPipelineSinks>();

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddFastDataPipeline(RetailModel.Instance).AddInMemoryPipelineSinks());
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
