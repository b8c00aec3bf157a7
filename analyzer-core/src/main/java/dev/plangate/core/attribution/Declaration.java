package dev.plangate.core.attribution;

import java.util.List;

/**
 * Where a finding's resource is declared: the directories whose files can create or destroy it,
 * and the blocks whose removal would destroy it.
 *
 * @param directories the root module's directory, then each local module source along the
 *     address, as far as it can be followed
 * @param calls every module call on the address, each with the directory that declares it, as far
 *     as that directory is known
 * @param resource the resource block, or null when the chain stops before it (a registry or git
 *     module, or a module call the configuration no longer has)
 * @param resourceDirectory the directory that declares {@code resource}, or null with it
 */
record Declaration(
    List<String> directories, List<ModuleCall> calls, Block resource, String resourceDirectory) {

  Declaration {
    directories = List.copyOf(directories);
    calls = List.copyOf(calls);
  }

  /**
   * One {@code module "NAME"} block on a finding's address.
   *
   * @param name the call's name
   * @param directory the directory of the module that contains the call
   */
  record ModuleCall(String name, String directory) {}
}
