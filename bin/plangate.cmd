@echo off
rem plangate-launcher 1 (Windows). Untested on Windows; bin/plangate is the reference.
rem Finds a Java (JAVA_HOME, then PATH) and plangate.jar (PLANGATE_JAR, beside this script, or
rem cli\target\plangate.jar of the checkout), then runs it. Missing either: one line, exit 2.
rem As the agent hook, any exit other than 0 and 2 becomes 2: agents block only on 2.
setlocal
set "here=%~dp0"
set "hook="
if "%~1"=="agent-hook" if not "%~2"=="install" if not "%~2"=="doctor" set "hook=1"

set "java="
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "java=%JAVA_HOME%\bin\java.exe"
if not defined java for %%J in (java.exe) do set "java=%%~$PATH:J"
if not defined java (
  echo plangate: no Java: JAVA_HOME is not set to a JDK and there is no java on PATH; install Java 17 or later and set JAVA_HOME 1>&2
  exit /b 2
)

set "jar="
if defined PLANGATE_JAR set "jar=%PLANGATE_JAR%"
if not defined jar if exist "%here%plangate.jar" set "jar=%here%plangate.jar"
if not defined jar if exist "%here%..\cli\target\plangate.jar" set "jar=%here%..\cli\target\plangate.jar"
if not defined jar if exist "%here%..\..\cli\target\plangate.jar" set "jar=%here%..\..\cli\target\plangate.jar"
if not defined jar (
  echo plangate: no plangate.jar: set PLANGATE_JAR to it, or build the checkout: mvn -B -q -pl cli -am package -DskipTests 1>&2
  exit /b 2
)
if not exist "%jar%" (
  echo plangate: PLANGATE_JAR names %jar%, which is not a file 1>&2
  exit /b 2
)

rem C1 only, and the parallel collector unless the options name one: see bin/plangate for why.
set "gc=-XX:+UseParallelGC"
echo.%PLANGATE_JAVA_OPTS% %JAVA_TOOL_OPTIONS% %JDK_JAVA_OPTIONS% | findstr /c:"-XX:+Use" | findstr /c:"GC" >nul && set "gc="
"%java%" -XX:TieredStopAtLevel=1 %gc% %PLANGATE_JAVA_OPTS% -jar "%jar%" %*
set "rc=%ERRORLEVEL%"
if not defined hook exit /b %rc%
if "%rc%"=="0" exit /b 0
if "%rc%"=="2" exit /b 2
echo plangate: the agent hook failed (java exited %rc%), so the command is blocked 1>&2
exit /b 2
