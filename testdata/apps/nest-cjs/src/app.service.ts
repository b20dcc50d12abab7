import { Injectable } from '@nestjs/common';

let visits = 0;

@Injectable()
export class AppService {
  getHello(): string {
    visits += 1;
    return `nest-cjs v0 #${visits}`;
  }
}
