using FastData.Grains.Pipeline;
using FastData.Model.Configuration;
using Orleans.Configuration;

namespace FastData.Host.Hosting;

/// <summary>
/// Where the cluster's membership and the pipeline's records live. With <c>ConnectionStrings:mongodb</c>: records,
/// single views and aggregation errors in MongoDB and cluster membership in its membership table, so that several
/// hosts form one cluster. Without it: a single local silo and in-memory records (the default run).
/// </summary>
internal static class StorageSetup
{
    public const string MongoConnectionName = "mongodb";

    /// <summary>Must run before <c>AddFastDataPipeline</c>, whose in-memory record store is only a fallback.</summary>
    /// <summary>What is wrong with the MongoDB storage settings (none when MongoDB is not configured), each naming its setting.</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString(MongoConnectionName)))
        {
            return [];
        }

        var mongo = configuration.GetSection(MongoHostOptions.SectionName).Get<MongoHostOptions>() ?? new MongoHostOptions();
        var address = configuration.GetSection(SiloOptions.SectionName).Get<SiloAddressOptions>() ?? new SiloAddressOptions();
        return [.. new[] { mongo.Problem(), address.Problem() }.OfType<string>()];
    }

    public static void AddClusterAndStorage(this ISiloBuilder silo, IConfiguration configuration, SiloOptions siloOptions, FastDataModel model)
    {
        var connectionString = configuration.GetConnectionString(MongoConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            silo.UseLocalhostClustering(siloOptions.SiloPort, siloOptions.GatewayPort, serviceId: siloOptions.ServiceId, clusterId: siloOptions.ClusterId);
            silo.Services.AddSingleton<InMemoryPipelineSinks>();
            silo.Services.AddSingleton<IAggregationErrorSink>(sp => sp.GetRequiredService<InMemoryPipelineSinks>());
            return;
        }

        var mongo = configuration.GetSection(MongoHostOptions.SectionName).Get<MongoHostOptions>() ?? new MongoHostOptions();
        var address = configuration.GetSection(SiloOptions.SectionName).Get<SiloAddressOptions>() ?? new SiloAddressOptions();
        // AddFastData has already refused the host when Problems() found any, naming each setting.
        var database = mongo.ResolveDatabase(connectionString);

        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = siloOptions.ClusterId;
            o.ServiceId = siloOptions.ServiceId;
        });
        // Listen on every interface (a container's address is not known in advance) and advertise one the others reach.
        silo.ConfigureEndpoints(address.Resolve(), siloOptions.SiloPort, siloOptions.GatewayPort, listenOnAnyHostAddress: true);
        silo.UseMongoDBClustering(o =>
        {
            o.ConnectionString = connectionString;
            o.DatabaseName = database;
        });
        silo.AddMongoDBRecordStore(model, o =>
        {
            o.ConnectionString = connectionString;
            o.DatabaseName = database;
            o.GroupCommitWindow = mongo.GroupCommitWindow;
            o.GroupCommitMaxBatchSize = mongo.GroupCommitMaxBatchSize;
        });
    }
}
