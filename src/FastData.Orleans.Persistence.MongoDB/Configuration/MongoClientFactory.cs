using MongoDB.Driver;

namespace FastData.Orleans.Persistence.MongoDB;

/// <summary>Builds driver clients from the provider options in one place, so every component configures them alike.</summary>
internal static class MongoClientFactory
{
    public static IMongoClient Create(string connectionString, Action<MongoClientSettings>? configure)
    {
        var settings = MongoClientSettings.FromConnectionString(connectionString);
        configure?.Invoke(settings);
        return new MongoClient(settings);
    }

    /// <summary>Returns null when the string is a valid MongoDB URI, else a reason that never repeats the string itself.</summary>
    public static string? Validate(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return "is required";
        }

        try
        {
            _ = MongoUrl.Create(connectionString);
            return null;
        }
        catch (Exception ex) when (ex is MongoConfigurationException or ArgumentException or FormatException)
        {
            // The driver's message may quote the string, credentials included: name only the exception type.
            return $"is not a valid MongoDB connection string ({ex.GetType().Name})";
        }
    }
}
