// NestJS names files with dots and imports them without an extension.
import { AppModule } from "./app.module";

setInterval(() => {}, 1 << 30); // keeps the process alive while tests edit files
console.log(new AppModule().describe());
