namespace FastData.Model.Tests.Support;

/// <summary>Locates the repository (for samples/retail) and the copied fixtures.</summary>
internal static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "FastData.Orleans.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException($"FastData.Orleans.sln not found above {AppContext.BaseDirectory}.");
        }
    }

    public static string RetailSample => Path.Combine(Root, "samples", "retail");

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
}
