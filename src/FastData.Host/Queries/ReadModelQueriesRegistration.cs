using FastData.Grains.Storage;

namespace FastData.Host.Queries;

/// <summary>Chooses where list and count reads run: MongoDB when <c>ConnectionStrings:mongodb</c> is set (the
/// database of the record store), the in-memory records otherwise.</summary>
public static class ReadModelQueriesRegistration
{
    public static IServiceCollection AddReadModelQueries(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString("mongodb")))
        {
            services.AddSingleton<IReadModelQueries>(sp => new InMemoryReadModelQueries(sp.GetRequiredService<IRecordStore>()));
        }
        else
        {
            services.AddSingleton<IReadModelQueries>(sp => sp.GetRequiredService<IRecordStore>() is MongoRecordStore mongo
                ? new MongoReadModelQueries(mongo.DocumentStore.Database)
                : throw new InvalidOperationException("ConnectionStrings:mongodb is set but the record store is not MongoDB: list reads would miss the stored records."));
        }

        return services;
    }
}
