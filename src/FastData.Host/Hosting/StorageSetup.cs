using FastData.Grains.Pipeline;
using FastData.Model.Configuration;

namespace FastData.Host.Hosting;

/// <summary>
/// Where the cluster's membership and the pipeline's records live. Without <c>ConnectionStrings:mongodb</c>: a
/// single local silo and in-memory records (the default run).
/// </summary>
internal static class StorageSetup
{
    public static void AddClusterAndStorage(this ISiloBuilder silo, IConfiguration configuration, SiloOptions siloOptions, FastDataModel model)
    {
        silo.UseLocalhostClustering(siloOptions.SiloPort, siloOptions.GatewayPort, serviceId: siloOptions.ServiceId, clusterId: siloOptions.ClusterId);
        silo.Services.AddSingleton<InMemoryPipelineSinks>();
        silo.Services.AddSingleton<IAggregationErrorSink>(sp => sp.GetRequiredService<InMemoryPipelineSinks>());
    }
}
