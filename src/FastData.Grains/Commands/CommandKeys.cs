namespace FastData.Grains.Commands;

/// <summary>Commands are stored in their own record-store collection, named so that no projection or single view takes it.</summary>
public static class CommandKeys
{
    public const string Collection = "_fastdata-commands";

    public static string GrainKey(string commandId) => string.Concat(Collection, "/", commandId);
}
