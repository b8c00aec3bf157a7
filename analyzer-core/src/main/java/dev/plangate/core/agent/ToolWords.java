package dev.plangate.core.agent;

import java.util.Locale;

/**
 * Cheap scans of a raw line, before (or instead of) lexing it. They decide the fast path: a line
 * that cannot possibly contain an infrastructure command returns at once, without allocating.
 */
final class ToolWords {
  private ToolWords() {}

  private static final String[] WORDS =
      {"terraform", "terragrunt", "tofu", "cloudformation", "cdk", "pulumi"};
  private static final Tool[] TOOLS =
      {Tool.TERRAFORM, Tool.TERRAGRUNT, Tool.TOFU, Tool.CLOUDFORMATION, Tool.CDK, Tool.PULUMI};

  /**
   * Words after a variable in command position that make it worth failing closed on ({@code $TF
   * apply}): the actions of the recognised tools and their aliases.
   */
  static final String[] ACTION_WORDS = {"apply", "destroy", "up", "update", "deploy", "down",
      "execute-change-set", "delete-stack", "run-all", "apply-all", "destroy-all", "state",
      "taint", "untaint", "import", "force-unlock", "refresh"};

  /** The first letters of {@link #ACTION_WORDS}: the fast path skips every other position. */
  private static final String ACTION_INITIALS = initials(ACTION_WORDS);

  private static String initials(String[] words) {
    StringBuilder sb = new StringBuilder();
    for (String w : words) {
      if (sb.indexOf(w.substring(0, 1)) < 0) {
        sb.append(w.charAt(0));
      }
    }
    return sb.toString();
  }

  /**
   * Command names of the built-in table of destructive commands that do not name a tool, and
   * words that its rules need: a line with none of them (and no tool word) needs no table.
   * {@code DestructiveCommandsTest} checks that every rule's command is covered.
   */
  static final String[] TABLE_WORDS = {"aws", "kubectl", "oc", "helm", "rm", "clean", "shred",
      "truncate", "unlink", "sam"};

  /**
   * Whether the line may hold an infrastructure command at all: it mentions a tool word, or it
   * has a {@code $}/backtick and an action word (a variable may name the binary), or a part of
   * a name the table's rules need ({@code x.tfstate}, {@code TF_CLI_ARGS_apply}).
   */
  static boolean mayMatch(String s) {
    return first(s) != null || hasExpansion(s) && hasActionWord(s) || s.contains("$'")
        || s.contains("$\"") || hasGlob(s) || hasWord(s, TABLE_WORDS) || s.contains("tfstate")
        || s.contains("TF_CLI_ARGS");
  }

  /**
   * Whether a command may match a rule of the built-in table: lets a line that never needs the
   * table skip reading it ({@code DestructiveCommandsTest} checks every rule is covered).
   */
  static boolean mayBeInTable(String name, java.util.List<ShellTokens.Word> w, int i) {
    switch (name) {
      case "rm", "shred", "truncate", "unlink", "mv", "cp", "ln", "find":
        return anyArg(w, i, "tfstate", ".terraform", null) || name.equals("rm")
            && anyArg(w, i, null, null, WIDE);
      case "aws":
        return anyArg(w, i, "delete", "terminate-", null) || anyArg(w, i, "deregister-",
            "remove-", null) || anyArg(w, i, "purge-", null, RB);
      case "kubectl", "oc", "helm", "pulumi", "cdk":
        return anyArg(w, i, "delete", "uninstall", null) || anyArg(w, i, "destroy", null, DOWN);
      case "git":
        return anyArg(w, i, "clean", null, null);
      case "export", "declare", "typeset":
        return anyArg(w, i, "TF_CLI_ARGS", null, null);
      case "sam":
        return anyArg(w, i, "delete", "deploy", null) || anyArg(w, i, "sync", null, null);
      default:
        return false;
    }
  }

  /** rm operands that take everything in the directory, the state with it. */
  private static final String[] WIDE = {"*", ".", "./", "..", "../", "./*", "~", "~/", "/"};
  private static final String[] RB = {"rb", "rm", "--delete"};
  private static final String[] DOWN = {"down", "dn", "rm"};

  /** Whether an argument contains {@code a} or {@code b}, or equals one of {@code exact}. */
  private static boolean anyArg(java.util.List<ShellTokens.Word> w, int i, String a, String b,
      String[] exact) {
    for (int j = i + 1; j < w.size(); j++) {
      String v = w.get(j).value();
      if (a != null && v.contains(a) || b != null && v.contains(b)) {
        return true;
      }
      if (exact != null) {
        for (String e : exact) {
          if (v.equals(e)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Whether the line names the command of any rule of a repository's own table. */
  static boolean mayMatchAny(String s, DestructiveCommands table) {
    for (DestructiveCommands.Rule r : table.rules()) {
      if (s.contains(r.command())) {
        return true;
      }
    }
    return false;
  }

  /** A glob character: in command position it may name any program. */
  static boolean hasGlob(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
  }

  /** Whether one of the words occurs as a whole word (between non-word characters). */
  private static boolean hasWord(String s, String[] words) {
    for (String w : words) {
      int from = 0;
      while (true) {
        int at = s.indexOf(w, from);
        if (at < 0) {
          break;
        }
        int e = at + w.length();
        if ((at == 0 || !isWordChar(s.charAt(at - 1)))
            && (e == s.length() || !isWordChar(s.charAt(e)))) {
          return true;
        }
        from = at + 1;
      }
    }
    return false;
  }

  static boolean mentioned(String s) {
    return first(s) != null;
  }

  /**
   * The tool of the first tool word in s, case-insensitively and looking through quote characters
   * and backslashes inside it ({@code terra"form"}, {@code \terraform}); null when there is none.
   */
  static Tool first(CharSequence s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      int c = s.charAt(i) | 0x20;
      if (c != 't' && c != 'c' && c != 'p') {
        continue;
      }
      for (int k = 0; k < WORDS.length; k++) {
        if (WORDS[k].charAt(0) == c && matchesAt(s, i, WORDS[k])) {
          return TOOLS[k];
        }
      }
    }
    return null;
  }

  private static boolean matchesAt(CharSequence s, int i, String word) {
    return endThroughQuotes(s, i, word, true) >= 0;
  }

  /**
   * Where {@code word} ends when it starts at s[i], looking through quote characters,
   * backslashes and backslash-newlines inside it (the shell runs {@code terra"form"} as
   * {@code terraform}); -1 when it does not start there. {@code word} is lower case; with
   * {@code anyCase} so may s be in any case (tool names), else exactly (action words).
   */
  private static int endThroughQuotes(CharSequence s, int i, String word, boolean anyCase) {
    int n = s.length();
    int p = i;
    for (int k = 0; k < word.length(); k++) {
      while (k > 0 && p < n && (s.charAt(p) == '\'' || s.charAt(p) == '"' || s.charAt(p) == '\\'
          || s.charAt(p) == '\n' && s.charAt(p - 1) == '\\')) {
        p++;
      }
      if (p >= n || (anyCase ? s.charAt(p) | 0x20 : s.charAt(p)) != word.charAt(k)) {
        return -1;
      }
      p++;
    }
    return p;
  }

  static boolean hasExpansion(String s) {
    return s.indexOf('$') >= 0 || s.indexOf('`') >= 0;
  }

  private static boolean isWordChar(char c) {
    return c == '_' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
        || c >= '0' && c <= '9';
  }

  /**
   * Whether one of {@link #ACTION_WORDS} stands in s as a word of its own, looking through quote
   * characters inside it as the shell does ({@code de"stroy"}).
   */
  static boolean hasActionWord(String s) {
    return hasActionWord(s, false);
  }

  /**
   * Whether one of {@link #ACTION_WORDS} stands in s as a word of its own; with {@code
   * inExpansionOnly}, whether a word's shell text writes one inside a parameter expansion
   * ({@code ${A:-destroy}}): the word may become it. Outside one it is fixed text ({@code
   * "$HOME/apply"} can only end in {@code /apply}); a command substitution's text is not in it.
   *
   * <p>One pass, so that a hostile line costs its length: the {@code ${} depth is kept as it
   * goes, and the operator check looks back only over the name before the {@code -}.
   */
  static boolean hasActionWord(String s, boolean inExpansionOnly) {
    int n = s.length();
    int depth = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (inExpansionOnly) {
        if (c == '\\') {
          i++;
          continue;
        }
        if (c == '$' && i + 1 < n && s.charAt(i + 1) == '{') {
          depth++;
          i++;
          continue;
        }
        if (c == '}' && depth > 0) {
          depth--;
        }
        if (depth == 0) {
          continue;
        }
      }
      if (ACTION_INITIALS.indexOf(c) < 0
          || i > 0 && isWordChar(s.charAt(i - 1)) && !afterDefaultOperator(s, i)) {
        continue;
      }
      for (String w : ACTION_WORDS) {
        int e = w.charAt(0) == c ? endThroughQuotes(s, i, w, false) : -1;
        if (e >= 0 && (e == n || !isWordChar(s.charAt(e)))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether s[i] starts the word of a parameter expansion's {@code -} or {@code :-} operator,
   * {@code ${NAME:-destroy}}: the value unless NAME is set, so it is a word of its own, though a
   * {@code -} stands before it as in {@code pre-destroy}.
   */
  private static boolean afterDefaultOperator(String s, int i) {
    if (s.charAt(i - 1) != '-') {
      return false;
    }
    int k = i - 2;
    if (k >= 0 && s.charAt(k) == ':') {
      k--;
    }
    int nameEnd = k;
    while (k >= 0 && (s.charAt(k) == '_' || Character.isLetterOrDigit(s.charAt(k))
        && s.charAt(k) < 0x80)) {
      k--;
    }
    return k < nameEnd && k >= 1 && s.charAt(k) == '{' && s.charAt(k - 1) == '$';
  }

  /**
   * Whether an unreadable line names a tool as a whole token (its base name, or {@code
   * cloudformation}, {@code aws-cdk}): "in command position" as near as one can tell without a
   * parse. {@code cat notes/terraform-destroy.md "} does not.
   */
  static boolean toolToken(String s) {
    int n = s.length();
    int i = 0;
    while (i < n) {
      while (i < n && isSeparator(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isSeparator(s.charAt(i))) {
        i++;
      }
      if (i > start && i - start < 64) {
        String tok = s.substring(start, i);
        String base = Names.command(tok);
        if (Names.tool(base) != null && !base.equals("aws") || base.equals("cloudformation")
            || Names.tool(Names.npmBin(tok)) == Tool.CDK) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isSeparator(char c) {
    return switch (c) {
      case ' ', '\t', '\n', '\r', ';', '&', '|', '(', ')', '<', '>', '"', '\'', '`', '$', '{',
          '}' -> true;
      default -> false;
    };
  }

  /** Names of binaries, packages and images. */
  static final class Names {
    private Names() {}

    /** A command word's name: its base name, lower case (macOS file systems ignore case). */
    static String command(String word) {
      int slash = word.lastIndexOf('/');
      String base = slash >= 0 ? word.substring(slash + 1) : word;
      base = base.toLowerCase(Locale.ROOT);
      return base.endsWith(".exe") ? base.substring(0, base.length() - 4) : base;
    }

    /** The tool a binary name runs, or null. {@code aws} is CLOUDFORMATION's binary. */
    static Tool tool(String name) {
      return switch (name) {
        case "terraform" -> Tool.TERRAFORM;
        case "tofu" -> Tool.TOFU;
        case "terragrunt" -> Tool.TERRAGRUNT;
        case "cdk" -> Tool.CDK;
        case "pulumi" -> Tool.PULUMI;
        case "aws" -> Tool.CLOUDFORMATION;
        // Side-by-side installs: terraform1.5, terraform_1.5.7, tofu-1.8 ...
        default -> versioned(name, "terraform") ? Tool.TERRAFORM
            : versioned(name, "tofu") ? Tool.TOFU
            : versioned(name, "terragrunt") ? Tool.TERRAGRUNT : null;
      };
    }

    /** {@code PREFIX[-_.][v]N(.N)*}, by hand: no regex in a hook's cold JVM. */
    private static boolean versioned(String name, String prefix) {
      if (!name.startsWith(prefix) || name.length() == prefix.length()) {
        return false;
      }
      int i = prefix.length();
      char c = name.charAt(i);
      if (c == '-' || c == '_' || c == '.') {
        i++;
      }
      if (i < name.length() && name.charAt(i) == 'v') {
        i++;
      }
      boolean digit = false;
      for (; i < name.length(); i++) {
        c = name.charAt(i);
        if (c >= '0' && c <= '9') {
          digit = true;
        } else if (c != '.' || !digit) {
          return false;
        } else {
          digit = false;
        }
      }
      return digit;
    }

    /**
     * The binary an npm package spec given to npx/dlx runs: version stripped ({@code
     * aws-cdk@2}), scope dropped, {@code aws-cdk} → {@code cdk}.
     */
    static String npmBin(String spec) {
      String s = spec;
      int at = s.indexOf('@', s.startsWith("@") ? 1 : 0);
      if (at > 0) {
        s = s.substring(0, at);
      }
      s = command(s);
      return s.equals("aws-cdk") ? "cdk" : s;
    }

    /**
     * The tool binary a container image name suggests ({@code hashicorp/terraform:1.9} →
     * terraform, {@code ghcr.io/opentofu/opentofu} → tofu, {@code amazon/aws-cli} → aws).
     */
    static String image(String ref) {
      String s = ref;
      int at = s.indexOf('@');
      if (at >= 0) {
        s = s.substring(0, at);
      }
      int slash = s.lastIndexOf('/');
      s = slash >= 0 ? s.substring(slash + 1) : s;
      int colon = s.indexOf(':');
      if (colon >= 0) {
        s = s.substring(0, colon);
      }
      s = s.toLowerCase(Locale.ROOT);
      return switch (s) {
        case "opentofu" -> "tofu";
        case "aws-cli" -> "aws";
        case "aws-cdk" -> "cdk";
        default -> s;
      };
    }
  }
}
