using FastData.Grains.Pipeline;
using FastData.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace FastData.Grains.Tests;

/// <summary>The convergence property with the records in MongoDB (<c>MONGO_URI</c>, a database of its own, dropped
/// at the end); a small workload, as the test server takes a few thousand operations a second.</summary>
public sealed class ConvergenceMongoTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RandomCdcWorkload_DrainedIntoMongo_EverySingleViewEqualsFromScratchAggregation()
    {
        var uri = MongoTestServer.RequireUri();
        var model = RetailModel.Instance;
        const int seed = 17;
        var workload = ConvergenceWorkload.Create(model, ConvergenceTests.Options(seed, customers: 25, products: 8, changes: 350));
        ConvergenceCheck.AssertWorkloadIsRich(workload);
        var database = MongoTestServer.NewDatabaseName("convergence");
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo
            .AddMongoDBRecordStore(model, o =>
            {
                o.ConnectionString = uri;
                o.DatabaseName = database;
            })
            .AddFastDataPipeline(model)
            .AddInMemoryPipelineSinks());
        using var client = MongoTestServer.Client(uri);
        try
        {
            await using var cluster = builder.Build();
            await cluster.DeployAsync(Ct);
            var services = cluster.GetSiloServiceProvider();

            await ConvergenceCheck.ApplyAsync(cluster.Client, workload, seed, Ct);

            await ConvergenceCheck.AssertConvergedAsync(model, services.GetRequiredService<IRecordStore>(),
                services.GetRequiredService<InMemoryPipelineSinks>(), ConvergenceReference.Build(model, workload.Events), Ct);
        }
        finally
        {
            await client.DropDatabaseAsync(database, CancellationToken.None);
        }
    }
}
