using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MongoDB.Bson;
using Orleans.Hosting;

namespace FastData.Orleans.Persistence.MongoDB.Tests.Queries;

public sealed class ReadModelStoreRegistrationTests
{
    [Fact]
    public void AddMongoDBReadModelStore_WithoutDatabase_FailsValidationNamingTheOption()
    {
        using var provider = new ServiceCollection()
            .AddMongoDBReadModelStore(o => o.ConnectionString = "mongodb://localhost")
            .BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<MongoReadModelStore>());

        Assert.Contains("DatabaseName", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddMongoDBReadModelStore_Resolved_QueriesTheConfiguredDatabase()
    {
        var connectionString = MongoTestEnvironment.RequireConnectionString();
        var database = MongoTestEnvironment.NewDatabaseName("fdapi");
        try
        {
            await new MongoClient(connectionString).GetDatabase(database).GetCollection<BsonDocument>("sv_customer")
                .InsertOneAsync(new BsonDocument { { "_id", "k1" }, { "name", "Ann" } }, cancellationToken: TestContext.Current.CancellationToken);
            await using var provider = new ServiceCollection()
                .AddMongoDBReadModelStore(o =>
                {
                    o.ConnectionString = connectionString;
                    o.DatabaseName = database;
                })
                .BuildServiceProvider();

            var store = provider.GetRequiredService<MongoReadModelStore>();
            var document = await store.GetByKeyAsync("sv_customer", "k1", new ReadModelSchema([new("name", ReadModelFieldType.String)]), cancellationToken: TestContext.Current.CancellationToken);

            Assert.Equal("Ann", document?["name"].AsString);
        }
        finally
        {
            await MongoTestEnvironment.DropDatabaseAsync(connectionString, database);
        }
    }
}
