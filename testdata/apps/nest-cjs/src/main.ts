// `nest new --type cjs`'s main.ts with NestJS's documented hot-reload recipe; the port is handed
// to the next bootstrap so that clients keep their address.
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';

declare const module: any;

async function bootstrap() {
  const app = await NestFactory.create(AppModule, { logger: false });
  await app.listen(module.hot?.data?.port ?? 0, '127.0.0.1');
  const { port } = app.getHttpServer().address();
  console.log(`nest-cjs: listening on http://127.0.0.1:${port}`);

  if (module.hot) {
    module.hot.accept();
    module.hot.dispose((data) => {
      data.port = port;
      return app.close();
    });
  }
}
bootstrap();
